import { mount } from 'svelte';
import App from './App.svelte';
import { createApis } from './lib/api/apis.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');

export default mount(App, { target, props: { apis: createApis() } });
