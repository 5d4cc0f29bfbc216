import { describe, expect, it } from 'vitest';
import { createSender } from './account.ts';

// Issue #11 item 5: a 5W file goes to the server as the bytes the user chose, so that the server's one decoder
// recognises a Windows-1251 or UTF-16 export; reading it with file.text() first garbled it in the browser.
describe('createSender', () => {
  it('sends a Blob body as it is, as text/csv, with the CSRF token', async () => {
    const seen: RequestInit[] = [];
    const send = createSender(
      async (_input, init) => {
        seen.push(init!);
        return new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } });
      },
      '',
      () => 'csrf-1',
    );
    // FIXTURE: "Ф" in Windows-1251 (0xD4), not valid UTF-8 on its own.
    const file = new Blob([Uint8Array.from([0x23, 0x6f, 0x72, 0x67, 0x0a, 0xd4, 0x0a])]);
    await send('POST', '/api/programmes/import', file, { mode: 'preview' });
    expect(seen[0]!.body).toBe(file);
    expect(seen[0]!.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 'csrf-1' });
  });
});
