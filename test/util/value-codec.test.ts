import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../src/util/value-codec.js';

const roundTrip = (v: unknown): unknown => decodeValue(encodeValue(v));

describe('value codec', () => {
  it('brings back JSON values as they were', () => {
    for (const v of [null, 0, -1.5, 'text', '', true, [1, 'a', null], { a: { b: [1, 2] } }]) expect(roundTrip(v)).toEqual(v);
  });

  it('keeps binary as a Buffer, dates as Dates, big integers and undefined', () => {
    const value = { pdf: Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff]), bytes: new Uint8Array([1, 2]), at: new Date('2026-12-07T10:00:00Z'), big: 2n ** 70n };
    const back = roundTrip(value) as Record<string, unknown>;
    expect(Buffer.isBuffer(back.pdf)).toBe(true);
    expect(back.pdf).toEqual(value.pdf);
    expect([...(back.bytes as Buffer)]).toEqual([1, 2]);
    expect(back.at).toEqual(value.at);
    expect(back.big).toBe(2n ** 70n);
    expect(roundTrip(undefined)).toBeUndefined();
  });

  it('never reads a user object that has the tag key as a tag', () => {
    const tricky = { $flowrt: 'binary', base64: 'AAAA' };
    expect(roundTrip(tricky)).toEqual(tricky);
    expect(roundTrip([tricky])).toEqual([tricky]);
  });
});
