import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join('src', 'properties', 'secure');
const DOC = readFileSync(join('docs', 'secure-properties.md'), 'utf8');

/** Every `secure-…` diagnostic code the secure properties modules can report. */
function codesInSource(): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(SRC)) {
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/(?:error|warning)\(\s*'(secure-[a-z-]+)'|code: '(secure-[a-z-]+)'/g)) codes.add((m[1] ?? m[2])!);
  }
  return [...codes].sort();
}

describe('docs/secure-properties.md', () => {
  it('lists every diagnostic code the secure properties report, and no other', () => {
    const documented = [...DOC.matchAll(/^\| `(secure-[a-z-]+)` \|/gm)].map((m) => m[1]!).sort();
    expect(codesInSource().length).toBeGreaterThan(10);
    expect(documented).toEqual(codesInSource());
  });
});
