import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// server/model must run unchanged in the browser (issue #3): no Node built-ins or globals in its sources.
// Tests run in Node only and may use them.
const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('server/model is browser-safe', () => {
  it.each(sources)('%s uses no Node APIs', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    expect(text).not.toMatch(/from ['"]node:/);
    expect(text).not.toMatch(/\brequire\(/);
    expect(text).not.toMatch(/\bprocess\.|\bBuffer\b|__dirname|__filename/);
  });

  it('imports nothing but its own files, zod and highs', () => {
    for (const file of sources) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import\() *['"]([^'"]+)['"]/g)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/[a-z-]+\.ts|zod|highs)$/);
      }
    }
  });
});
