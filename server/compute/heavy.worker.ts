import { heavyTasks } from './heavy-tasks.ts';
import { serveTasks } from './serve-tasks.ts';

// A thread of the heavy-work pool (heavy-pool.ts).
serveTasks(heavyTasks);
