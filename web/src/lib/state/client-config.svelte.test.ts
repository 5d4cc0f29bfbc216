import { describe, expect, it } from 'vitest';
import { ClientConfigState } from './client-config.svelte.ts';

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );

describe('ClientConfigState', () => {
  it('shows the configured basemap until the user turns it off', async () => {
    const calls: string[] = [];
    const state = new ClientConfigState((url) => {
      calls.push(url);
      return json({
        basemap: { styleUrl: 'https://example.org/style.json', attribution: '© OSM' },
        data: { version: 'b3-3', importedAt: '2026-11-21T10:00:00.000Z' },
      });
    });
    expect(state.basemap).toBeNull();
    await state.load();
    expect(calls).toEqual(['/api/client-config']);
    expect(state.basemap).toEqual({ styleUrl: 'https://example.org/style.json', attribution: '© OSM' });
    expect(state.config?.data.importedAt).toBe('2026-11-21T10:00:00.000Z');
    state.basemapOn = false;
    expect(state.basemap).toBeNull();
  });

  it('has no basemap when none is configured or the settings do not load', async () => {
    const none = new ClientConfigState(() =>
      json({ basemap: null, data: { version: 'empty', importedAt: null } }),
    );
    await none.load();
    expect(none.basemap).toBeNull();
    const failing = new ClientConfigState(() => json({ error: { code: 'INTERNAL', message: 'x' } }, 500));
    await failing.load();
    expect(failing.config).toBeNull();
    expect(failing.basemap).toBeNull();
  });
});
