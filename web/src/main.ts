import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';
import { createApis } from './lib/api/apis.ts';
import './app.css';

// zod (the model definitions the Target view parses) probes for eval to speed up parsing; the server's
// Content-Security-Policy forbids eval, so the probe would only log a refusal.
z.config({ jitless: true });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');

export default mount(App, { target, props: { apis: createApis() } });
