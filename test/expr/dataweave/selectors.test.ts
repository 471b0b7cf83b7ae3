import { describe, expect, it } from 'vitest';
import { sx } from './print.js';

describe('DataWeave selectors', () => {
  it.each([
    ['a.b', '(. a b)'],
    ['a."b c"', '(. a "b c")'],
    ['a.type', '(. a type)'],
    ['a.*b', '(.* a b)'],
    ['a..b', '(.. a b)'],
    ['a..*b', '(..* a b)'],
    ['a[0]', '([] a 0)'],
    ['a[-1]', '([] a -1)'],
    ['a[1 to 3]', '([] a (to 1 3))'],
    ['a[0 to -2]', '([] a (to 0 -2))'],
    ['a["k"]', '([] a "k")'],
    ['a[(i + 1)]', '([] a (+ i 1))'],
    ['a.@id', '(.@ a id)'],
    ['a.@', '(.@ a)'],
    ['a.#', '(.# a)'],
    ['a.^mimeType', '(.^ a mimeType)'],
    ['a.^', '(.^ a)'],
    ['a?', '(exists a)'],
    ['a.b!', '(assert (. a b))'],
    ['a[?($.ok)]', '([?] a (. $ ok))'],
    ['a.ns0#b', '(. a ns0#b)'],
  ])('parses %s', (src, expected) => {
    expect(sx(src)).toBe(expected);
  });

  it('chains selectors left to right', () => {
    expect(sx('a.b[0].c?')).toBe('(exists (. ([] (. a b) 0) c))');
  });

  it('selects from any expression', () => {
    expect(sx('(a ++ b).c')).toBe('(. (++ a b) c)');
    expect(sx('{a: 1}.a')).toBe('(. (obj (: a 1)) a)');
    expect(sx('[1, 2][0]')).toBe('([] [1 2] 0)');
    expect(sx('f(x).y')).toBe('(. (f x) y)');
  });

  it('selects on the implicit parameter', () => {
    expect(sx('$.price * $$')).toBe('(* (. $ price) $$)');
  });

  it('parses the payload of an XML message', () => {
    expect(sx('payload.order.@id')).toBe('(.@ (. payload order) id)');
    expect(sx('payload.root.*item[0].@')).toBe('(.@ ([] (.* (. payload root) item) 0))');
  });
});
