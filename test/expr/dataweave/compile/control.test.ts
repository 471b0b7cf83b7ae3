import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('DataWeave if and match', () => {
  it.each([
    ['if (1 > 2) "a" else "b"', 'b'],
    ['if (false) 1 else if (true) 2 else 3', 2],
    ['"b" match { case "a" -> 1 case "b" -> 2 else -> 3 }', 2],
    ['3 match { case n if n > 2 -> "big" else -> "small" }', 'big'],
    ['"x" match { case s is String -> "str:" ++ s case is Number -> "num" }', 'str:x'],
    ['1 match { case is String -> "str" case is Number -> "num" }', 'num'],
    ['"ab12" match { case m matches /([a-z]+)(\\d+)/ -> m[2] else -> "none" }', '12'],
    ['"ab12!" match { case matches /([a-z]+)(\\d+)/ -> "yes" else -> "no" }', 'no'],
    ['5 match { case x -> x + 1 }', 6],
    ['{a: 1} match { case o is {a: Number} -> o.a else -> 0 }', 1],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('requires a Boolean condition', () => {
    expect(() => run('if (1) 2 else 3')).toThrow(/must be a Boolean/);
  });

  it('fails when no case matches', () => {
    expect(() => run('1 match { case 2 -> 3 }')).toThrow(/Unable to match/);
  });

  it('resolves type aliases in is and match', () => {
    expect(run('%dw 2.0\ntype Id = String | Number\n---\n[1 is Id, "a" is Id, true is Id]')).toEqual([true, true, false]);
  });
});

describe('DataWeave update', () => {
  const payload = { name: 'ann', age: 30, addr: { city: 'x' }, tags: ['a', 'b'] };

  it.each([
    ['payload update { case .name -> upper($) }', { ...payload, name: 'ANN' }],
    ['payload update { case a at .age -> a + 1 }', { ...payload, age: 31 }],
    ['payload update { case .addr.city -> "y" }', { ...payload, addr: { city: 'y' } }],
    ['payload update { case .tags[0] -> "z" }', { ...payload, tags: ['z', 'b'] }],
    ['payload update { case .missing -> 1 }', payload],
    ['payload update { case .missing! -> 1 }', { ...payload, missing: 1 }],
    ['payload update { case .x.y! -> 1 }', { ...payload, x: { y: 1 } }],
    ['payload update { case a at .age if (a > 40) -> 0 }', payload],
    ['payload update { case .name -> "b" case .age -> 1 }', { ...payload, name: 'b', age: 1 }],
  ])('%s', (src, expected) => {
    expect(run(src, { payload })).toEqual(expected);
  });
});

describe('DataWeave update by index', () => {
  it('rewrites an item of an array and counts negative indexes from the end', () => {
    expect(run('[1, 2, 3] update { case [0] -> 9 }')).toEqual([9, 2, 3]);
    expect(run('[1, 2, 3] update { case x at [-1] -> x * 10 }')).toEqual([1, 2, 30]);
  });

  it('rewrites the attribute of a key', () => {
    const out = run('{a @(id: 1): "v"} update { case .a.@id -> 2 }');
    expect(out).toMatchObject({ entries: [{ key: 'a', value: 'v', attrs: [{ key: 'id', value: 2 }] }] });
  });
});
