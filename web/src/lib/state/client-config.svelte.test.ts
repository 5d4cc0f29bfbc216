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

  it('fetches the basemap style while the basemap is on, and says when it failed', async () => {
    const calls: string[] = [];
    let styleStatus = 200;
    const state = new ClientConfigState((url) => {
      calls.push(url);
      if (url === '/api/client-config')
        return json({
          basemap: { styleUrl: 'https://example.org/style.json', attribution: null },
          data: { version: 'b3-3', importedAt: null },
        });
      return json({ version: 8, sources: {}, layers: [] }, styleStatus);
    });
    await state.loadBasemapStyle();
    expect(state.basemapStyle).toBeNull();
    await state.load();
    await state.loadBasemapStyle();
    expect(state.basemapStyle).toEqual({ version: 8, sources: {}, layers: [] });
    state.setBasemapOn(false);
    await state.loadBasemapStyle();
    expect(state.basemapStyle).toBeNull();
    expect(calls).toEqual(['/api/client-config', 'https://example.org/style.json']);

    styleStatus = 404;
    const failing = new ClientConfigState((url) =>
      url === '/api/client-config'
        ? json({
            basemap: { styleUrl: 'https://example.org/x.json', attribution: null },
            data: { version: 'v', importedAt: null },
          })
        : json({}, styleStatus),
    );
    await failing.load();
    await failing.loadBasemapStyle();
    expect(failing.basemapFailed).toBe(true);
    failing.setBasemapOn(false);
    await failing.loadBasemapStyle();
    expect(failing.basemapFailed).toBe(false);
  });
});
