import { LocalDate, LocalDateTime, LocalTime, OffsetTime, ZoneId, ZoneOffset, ZonedDateTime } from '@js-joda/core';
import { describe, expect, it } from 'vitest';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import { dw } from './support.js';

describe('++', () => {
  it('concatenates arrays', () => {
    expect(dw('++', [0, 1, 2], ['a', 'b', 'c'])).toEqual([0, 1, 2, 'a', 'b', 'c']);
    expect(dw('++', [0, 1, true, 'my string'], [2, [3, 4, 5], { a: 6 }])).toEqual([0, 1, true, 'my string', 2, [3, 4, 5], { a: 6 }]);
    expect(dw('++', [], [])).toEqual([]);
  });
  it('concatenates text, coercing numbers and booleans', () => {
    expect(dw('++', 'Mule', 'Soft')).toBe('MuleSoft');
    expect(dw('++', 'Total: ', 3)).toBe('Total: 3');
    expect(dw('++', 1.5, 'x')).toBe('1.5x');
    expect(dw('++', 1, 2)).toBe('12');
    expect(dw('++', 'is ', true)).toBe('is true');
  });
  it('concatenates objects, keeping repeated keys', () => {
    expect(dw('++', { aa: 'a', bb: 'b' }, { cc: 'c' })).toEqual({ aa: 'a', bb: 'b', cc: 'c' });
    const r = dw('++', { a: 1 }, { a: 2 }) as DwObject;
    expect(r.entries).toEqual([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
    ]);
  });
  it('joins dates, times and zones in either order', () => {
    const d = LocalDate.parse('2017-10-01');
    const t = LocalTime.parse('23:57:59');
    expect(String(dw('++', d, t))).toBe('2017-10-01T23:57:59');
    expect(dw('++', t, d)).toBeInstanceOf(LocalDateTime);
    const ot = OffsetTime.parse('23:57:59-03:00');
    const dt = dw('++', d, ot) as ZonedDateTime;
    expect(dt).toBeInstanceOf(ZonedDateTime);
    expect(dt.toOffsetDateTime().toString()).toBe('2017-10-01T23:57:59-03:00');
    expect((dw('++', OffsetTime.parse('23:57:59Z'), d) as ZonedDateTime).toOffsetDateTime().toString()).toBe('2017-10-01T23:57:59Z');
    const zone = ZoneOffset.of('-03:00');
    expect((dw('++', d, zone) as ZonedDateTime).toOffsetDateTime().toString()).toBe('2017-10-01T00:00-03:00');
    expect((dw('++', zone, d) as ZonedDateTime).toLocalDateTime().toString()).toBe('2017-10-01T00:00');
    expect((dw('++', LocalDateTime.parse('2003-10-01T23:57:59'), zone) as ZonedDateTime).toOffsetDateTime().toString()).toBe('2003-10-01T23:57:59-03:00');
    expect(String(dw('++', LocalTime.parse('23:57'), zone))).toBe('23:57-03:00');
    expect(String(dw('++', zone, LocalTime.parse('23:57')))).toBe('23:57-03:00');
  });
  it('keeps a region zone on a DateTime', () => {
    const r = dw('++', LocalDateTime.parse('2020-01-01T10:00:00'), ZoneId.of('UTC')) as ZonedDateTime;
    expect(r.zone().id()).toBe('UTC');
  });
  it("says DataWeave's mismatch message for an array and an object", () => {
    expect(() => dw('++', [1], { a: 1 })).toThrow(
      "You called the function '++' with these arguments:\n  1: Array ([1])\n  2: Object ({a: 1})\n\nBut it expects one of these combinations:\n  (Array, Array)\n  (String, String)\n  (Object, Object)\n  (Date, LocalTime)",
    );
  });
});

describe('--', () => {
  it('removes every occurrence of the items', () => {
    expect(dw('--', [0, 1, 1, 2], [1, 2])).toEqual([0]);
    expect(dw('--', [{ a: 1 }, { a: 2 }], [{ a: 1 }])).toEqual([{ a: 2 }]);
    expect(dw('--', [1, 2], [])).toEqual([1, 2]);
  });
  it('removes the fields matching key and value', () => {
    expect(dw('--', { hello: 'world', name: 'DW' }, { hello: 'world' })).toEqual({ name: 'DW' });
    expect(dw('--', { hello: 'world', name: 'DW' }, { hello: 'mars' })).toEqual({ hello: 'world', name: 'DW' });
  });
  it('removes the fields under the keys', () => {
    expect(dw('--', { yes: 'no', good: 'bad', old: 'new' }, ['yes', 'old'])).toEqual({ good: 'bad' });
    const repeated = new DwObject([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
      { key: 'a', value: 3 },
    ]);
    expect(dw('--', repeated, ['a'])).toEqual({ b: 2 });
  });
  it('passes null through', () => {
    expect(dw('--', null, [1])).toBeNull();
  });
});
