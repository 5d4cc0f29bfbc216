import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { precompressPlugin } from './vite-precompress.ts';

// The map client (issue #4). Root is this folder wherever Vite is started from, so `npm run build:web`
// at the repository root and `vite build` inside web/ give the same web/dist, which server/web-client.ts serves.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [svelte(), precompressPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // .vite/manifest.json: the chunk graph, which tests read to check what the first visit loads (issue #15).
    manifest: true,
    // maplibre-gl and deck.gl are large by nature; they get chunks of their own (cached across releases).
    // deck.gl needs no group: it is only imported dynamically (src/lib/map/deck.ts), which makes its chunks;
    // a group would also take in Vite's preload helper and so become a static import of the entry (#15).
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // Plugin timings are for profiling the build, not for every `npm start`.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    // `npm start` (or `npm run dev`) serves the API on 8080; ATLAS_API overrides it for a server elsewhere.
    proxy: { '/api': process.env.ATLAS_API ?? 'http://localhost:8080' },
  },
  preview: { proxy: { '/api': process.env.ATLAS_API ?? 'http://localhost:8080' } },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
