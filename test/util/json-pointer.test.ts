import { describe, expect, it } from 'vitest';
import { pointerSegments } from '../../src/util/json-pointer.js';

describe('pointerSegments', () => {
  it('splits a pointer into segments, list indexes as numbers', () => {
    expect(pointerSegments('/policies/0/config')).toEqual(['policies', 0, 'config']);
  });

  it('gives no segment for the whole document', () => {
    expect(pointerSegments('')).toEqual([]);
  });

  it('decodes ~1 before ~0 (RFC 6901 §4)', () => {
    expect(pointerSegments('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
  });

  it('keeps an empty segment', () => {
    expect(pointerSegments('/a//b')).toEqual(['a', '', 'b']);
  });
});
