import { expect } from 'vitest';
import type { Diagnostic, LoadResult } from '../../../src/index.js';

/** Line and column of the first `needle` in `text`: where a diagnostic about it must point. */
export function at(text: string, needle: string): { line: number; col: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** The one diagnostic a load gave (the test fails, showing them all, if there is not exactly one). */
export function single(l: LoadResult): Diagnostic {
  expect(l.diagnostics, JSON.stringify(l.diagnostics, null, 1)).toHaveLength(1);
  return l.diagnostics[0]!;
}
