import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';
import type { Num } from '../../../../src/expr/dataweave/values/numbers.js';
import { formatNumber } from '../../../../src/expr/dataweave/values/numbers.js';

const C = MODULES['dw::Crypto']!;
const N = MODULES['dw::core::Numbers']!;
const bytes = (s: string) => new TextEncoder().encode(s);
const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex');

describe('dw::Crypto', () => {
  it('MD5 and SHA1 answer lower-case hex (documented MD5 case)', () => {
    expect(C.MD5!(bytes('asd'))).toBe('7815696ecbf1c96e6894b779456d330e');
    expect(C.SHA1!(bytes('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
  it('HMACWith (documented case) and its HmacSHA1 default', () => {
    expect(C.HMACWith!(bytes('secret_key'), bytes('Some value to hash'), 'HmacSHA256')).toBe(
      'b51b4fe8c4e37304605753272b5b4321f9644a9b09cb1179d7016c25041d1747',
    );
    expect(C.HMACWith!(bytes('key'), bytes('The quick brown fox jumps over the lazy dog'))).toBe('de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9');
  });
  it('HMACBinary answers the bytes', () => {
    const b = C.HMACBinary!(bytes('key'), bytes('The quick brown fox jumps over the lazy dog'), 'HmacSHA256');
    expect(b).toBeInstanceOf(Uint8Array);
    expect(hex(b)).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect(() => C.HMACBinary!(bytes('k'), bytes('c'), 'HmacNOPE')).toThrow(/not available/);
  });
  it('hashWith takes Java algorithm names, SHA-1 by default, and MD2', () => {
    expect(hex(C.hashWith!(bytes('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(C.hashWith!(bytes('abc'), 'SHA-256'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(C.hashWith!(bytes('abc'), 'SHA-512/256'))).toBe('53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23');
    expect(hex(C.hashWith!(bytes(''), 'MD2'))).toBe('8350e5a3e24c153df2275c9f80692773');
    expect(hex(C.hashWith!(bytes('abc'), 'MD2'))).toBe('da853b0d3f88d99b30283a69e6ded6bb');
    expect(hex(C.hashWith!(bytes('abcdefghijklmnopqrstuvwxyz'), 'MD2'))).toBe('4e8ddff3650292ab5a4108c3aa47940b');
    expect(() => C.hashWith!(bytes('abc'), 'SHA-999')).toThrow(/not available/);
  });
});

describe('dw::core::Numbers (documented cases)', () => {
  it('toHex', () => {
    expect(N.toHex!(-1)).toBe('-1');
    expect(N.toHex!(new Decimal('100000000000000000000000000000000000000000000000000000000000000'))).toBe(
      '3e3aeb4ae1383562f4b82261d969f7ac94ca4000000000000000',
    );
    expect(N.toHex!(0)).toBe('0');
    expect(N.toHex!(null)).toBeNull();
    expect(N.toHex!(15)).toBe('f');
  });
  it('fromBinary', () => {
    expect(N.fromBinary!('-10')).toBe(-2);
    const big = N.fromBinary!(
      '11111000111010111010110100101011100001001110000011010101100010111101001011100000100010011000011101100101101001111101111010110010010100110010100100000000000000000000000000000000000000000000000000000000000000',
    );
    expect(formatNumber(big as Num)).toBe('100000000000000000000000000000000000000000000000000000000000000');
    expect(N.fromBinary!(0)).toBe(0);
    expect(N.fromBinary!(null)).toBeNull();
    expect(N.fromBinary!('100')).toBe(4);
  });
  it('fromHex, toBinary', () => {
    expect(N.fromHex!('-1')).toBe(-1);
    expect(formatNumber(N.fromHex!('3e3aeb4ae1383562f4b82261d969f7ac94ca4000000000000000') as Num)).toBe(
      '100000000000000000000000000000000000000000000000000000000000000',
    );
    expect(N.fromHex!('f')).toBe(15);
    expect(N.fromHex!('FF')).toBe(255);
    expect(N.fromHex!(null)).toBeNull();
    expect(N.toBinary!(-2)).toBe('-10');
    expect(N.toBinary!(0)).toBe('0');
    expect(N.toBinary!(4)).toBe('100');
    expect(N.toBinary!(null)).toBeNull();
  });
  it('fromRadixNumber and toRadixNumber', () => {
    expect(N.fromRadixNumber!('10', 2)).toBe(2);
    expect(N.fromRadixNumber!('FF', 16)).toBe(255);
    expect(N.fromRadixNumber!('z', 36)).toBe(35);
    expect(N.toRadixNumber!(2, 2)).toBe('10');
    expect(N.toRadixNumber!(255, 16)).toBe('ff');
    expect(N.toRadixNumber!(35, 36)).toBe('z');
    expect(() => N.fromRadixNumber!('12', 2)).toThrow(/radix 2/);
    expect(() => N.toRadixNumber!(2, 40)).toThrow(/Radix 40/);
  });
});
