import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { dw, rx } from './support.js';

describe('indexOf and lastIndexOf', () => {
  it('find items by equality', () => {
    expect(dw('indexOf', ['a', 'b', 'c', 'd'], 'c')).toBe(2);
    expect(dw('indexOf', ['x', 'w', 'x'], 'c')).toBe(-1);
    expect(dw('indexOf', ['a', 'b', 'c', 'c'], 'c')).toBe(2);
    expect(dw('indexOf', [{ a: 1 }, 1.0], 1)).toBe(1);
    expect(dw('lastIndexOf', ['a', 'b', 'c', 'c'], 'c')).toBe(3);
    expect(dw('lastIndexOf', ['a'], 'z')).toBe(-1);
  });
  it('find text in text', () => {
    expect(dw('indexOf', 'abcd', 'c')).toBe(2);
    expect(dw('indexOf', 'xyz', 'c')).toBe(-1);
    expect(dw('indexOf', 'abcdc', 'c')).toBe(2);
    expect(dw('lastIndexOf', 'abcdc', 'c')).toBe(4);
  });
  it('answer -1 for null', () => {
    expect(dw('indexOf', null, 'c')).toBe(-1);
    expect(dw('lastIndexOf', null, 'c')).toBe(-1);
  });
});

describe('find', () => {
  it('lists the indexes of an item', () => {
    expect(dw('find', ['Bond', 'James', 'Bond'], 'Bond')).toEqual([0, 2]);
  });
  it('lists where a text occurs', () => {
    expect(dw('find', 'aabccdbce', 'a')).toEqual([0, 1]);
    expect(dw('find', 'aaa', 'aa')).toEqual([0, 1]);
    expect(dw('find', 'abc', 'z')).toEqual([]);
  });
  it('lists where each regex match and its groups start', () => {
    expect(dw('find', 'I heart DataWeave', rx('\\w*ea\\w*(\\b)'))).toEqual([
      [2, 7],
      [8, 17],
    ]);
    expect(dw('find', 'mycompany.com', rx('[m|n].|m$'))).toEqual([[0], [4], [7], [12]]);
  });
  it('answers [] for null', () => {
    expect(dw('find', null, 'a')).toEqual([]);
  });
});

describe('contains', () => {
  it('looks for an item, a text or a regex', () => {
    expect(dw('contains', [1, 2, 3], 2)).toBe(true);
    expect(dw('contains', [1, 2, 3], 4)).toBe(false);
    expect(dw('contains', [{ a: [1] }], { a: [1] })).toBe(true);
    expect(dw('contains', 'someText', 'me')).toBe(true);
    expect(dw('contains', 'someText', 'z')).toBe(false);
    expect(dw('contains', 'mycompany.com', rx('c.m'))).toBe(true);
    expect(dw('contains', 'mycompany.com', rx('^c'))).toBe(false);
  });
  it('coerces a number to text', () => {
    expect(dw('contains', 12345, '23')).toBe(true);
  });
  it('answers false for null', () => {
    expect(dw('contains', null, 'a')).toBe(false);
  });
});

describe('joinBy', () => {
  it('joins items as text', () => {
    expect(dw('joinBy', ['a', 'b', 'c'], '-')).toBe('a-b-c');
    expect(dw('joinBy', [1, true, 'x', 2.5], ', ')).toBe('1, true, x, 2.5');
    expect(dw('joinBy', [], '-')).toBe('');
    expect(dw('joinBy', null, '-')).toBeNull();
  });
  it('fails on items that are not text', () => {
    expect(() => dw('joinBy', [{ a: 1 }], '-')).toThrow('Cannot coerce Object ({a: 1}) to String');
  });
});

describe('zip and unzip', () => {
  it('pairs items up to the shorter array', () => {
    expect(dw('zip', [0, 1], [1, 2])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(dw('zip', [0, 1, 2, 3], ['a', 'b', 'c'])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(dw('zip', [], [1])).toEqual([]);
  });
  it('undoes zip, up to the shortest inner array', () => {
    expect(
      dw('unzip', [
        [0, 'a'],
        [1, 'b'],
      ]),
    ).toEqual([
      [0, 1],
      ['a', 'b'],
    ]);
    expect(dw('unzip', [[0, 'a'], [1, 'a'], [2], [3, 'a']])).toEqual([[0, 1, 2, 3]]);
    expect(dw('unzip', [])).toEqual([]);
  });
});

describe('sum and avg', () => {
  it('add numbers exactly', () => {
    expect(dw('sum', [1, 2, 3])).toBe(6);
    expect(dw('sum', [])).toBe(0);
    expect(dw('sum', [0.1, 0.2])).toBe(0.3);
    expect(String(dw('sum', [new Decimal('12345678901234567890'), 1]))).toBe('12345678901234567891');
  });
  it('average numbers', () => {
    expect(dw('avg', [1, 1000])).toBe(500.5);
    expect(dw('avg', [1, 2, 3])).toBe(2);
    expect(dw('avg', [0.1, 0.2])).toBe(0.15);
    expect(() => dw('avg', [])).toThrow('Division by zero');
  });
  it('fail on items that are not numbers', () => {
    expect(() => dw('sum', [1, 'a'])).toThrow('sum expects an array of numbers, got String ("a")');
  });
});

describe('max, min, maxBy, minBy', () => {
  it('find the extremes of comparable items', () => {
    expect(dw('max', [1, 1000])).toBe(1000);
    expect(dw('max', [1, 2, 3])).toBe(3);
    expect(dw('max', [1.5, 2.5, 3.5])).toBe(3.5);
    expect(dw('max', ['a', 'b'])).toBe('b');
    expect(dw('min', [1, 1000])).toBe(1);
    expect(dw('min', ['b', 'a'])).toBe('a');
    expect(dw('max', [])).toBeNull();
    expect(dw('min', [])).toBeNull();
  });
  it('find the item with the extreme criteria', () => {
    expect(dw('maxBy', [{ a: 1 }, { a: 3 }, { a: 2 }], (x: { a: number }) => x.a)).toEqual({ a: 3 });
    expect(dw('minBy', [{ a: 1 }, { a: 3 }, { a: 2 }], (x: { a: number }) => x.a)).toEqual({ a: 1 });
    expect(dw('maxBy', [1, 2, 3], (x: number) => -x)).toBe(1);
    expect(dw('maxBy', [], (x: number) => x)).toBeNull();
  });
  it('fail on items they cannot compare', () => {
    expect(() => dw('max', [1, 'a'])).toThrow('Cannot compare');
  });
});

describe('sizeOf and isEmpty', () => {
  it('count items, characters, fields and bytes', () => {
    expect(dw('sizeOf', ['a', 'b', 'c'])).toBe(3);
    expect(dw('sizeOf', [[1, 2, 3], [4]])).toBe(2);
    expect(dw('sizeOf', [])).toBe(0);
    expect(dw('sizeOf', { a: 1, b: 2 })).toBe(2);
    expect(dw('sizeOf', {})).toBe(0);
    expect(dw('sizeOf', 'my string')).toBe(9);
    expect(dw('sizeOf', '')).toBe(0);
    expect(dw('sizeOf', new Uint8Array([0, 1, 2]))).toBe(3);
    expect(dw('sizeOf', null)).toBeNull();
  });
  it('tell emptiness', () => {
    expect([dw('isEmpty', []), dw('isEmpty', [1])]).toEqual([true, false]);
    expect([dw('isEmpty', ''), dw('isEmpty', 'DataWeave')]).toEqual([true, false]);
    expect([dw('isEmpty', {}), dw('isEmpty', { name: 'DataWeave' })]).toEqual([true, false]);
    expect(dw('isEmpty', null)).toBe(true);
  });
  it("say DataWeave's mismatch message for a regex", () => {
    expect(() => dw('sizeOf', rx('a+'))).toThrow(
      "You called the function 'sizeOf' with these arguments:\n  1: Regex (/a+/)\n\nBut it expects one of these combinations:\n  (Array)\n  (String)\n  (Object)\n  (Binary)\n  (Null)",
    );
  });
});
