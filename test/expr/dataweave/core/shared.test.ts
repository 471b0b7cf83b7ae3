import { describe, expect, it } from 'vitest';
import { defineFunction, overload } from '../../../../src/expr/dataweave/library/define.js';
import { DwObject, ObjectBuilder, makeObject } from '../../../../src/expr/dataweave/values/model.js';
import type { DwFunction } from '../../../../src/expr/dataweave/values/model.js';

// The two additions this library made to shared files: implicit coercion in define.ts, key order in model.ts.

describe('implicit coercion when no overload fits', () => {
  const f = defineFunction('f', [overload('String', (s: string) => `text ${s}`), overload('Number, Function', (n: number, g: DwFunction) => g(n))]);

  it('prefers an overload that fits as given', () => {
    expect(f('a')).toBe('text a');
  });
  it('turns numbers and booleans into text', () => {
    expect(f(1.5)).toBe('text 1.5');
    expect(f(false)).toBe('text false');
  });
  it('turns numeric text into a number and a value into a function answering it', () => {
    expect(f('2', 'x')).toBe('x');
  });
  it('keeps the mismatch message when nothing coerces', () => {
    expect(() => f([1])).toThrow("You called the function 'f' with these arguments:\n  1: Array ([1])");
    expect(() => f('two', 'x')).toThrow('But it expects one of these combinations:\n  (String)\n  (Number, Function)');
  });
});

describe('objects keep integer-like keys in the order written', () => {
  it('stays a plain object while JavaScript keeps the order', () => {
    expect(
      makeObject([
        { key: '0', value: 1 },
        { key: '1', value: 2 },
        { key: 'a', value: 3 },
      ]),
    ).toEqual({ 0: 1, 1: 2, a: 3 });
  });
  it('becomes a DwObject when JavaScript would move a key', () => {
    const late = makeObject([
      { key: 'a', value: 1 },
      { key: '0', value: 2 },
    ]);
    expect(late).toBeInstanceOf(DwObject);
    const down = new ObjectBuilder();
    down.set('2', 'c');
    down.set('1', 'b');
    const built = down.build() as DwObject;
    expect(built.entries.map((e) => e.key)).toEqual(['2', '1']);
  });
  it('treats keys past the array index range as names', () => {
    expect(
      makeObject([
        { key: 'a', value: 1 },
        { key: '4294967295', value: 2 },
      ]),
    ).toEqual({ a: 1, 4294967295: 2 });
  });
});
