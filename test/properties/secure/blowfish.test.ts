import { describe, expect, it } from 'vitest';
import { Blowfish } from '../../../src/properties/secure/blowfish.js';
import { decryptBlocks, encryptBlocks } from '../../../src/properties/secure/block-modes.js';

const hex = (s: string) => Buffer.from(s, 'hex');

function ecb(key: string, plain: string): string {
  const block = hex(plain);
  new Blowfish(hex(key)).encryptBlock(block, 0);
  return block.toString('hex').toUpperCase();
}

// Eric Young's Blowfish test vectors (bftest.c, as Schneier publishes them with the cipher).
const ECB_VECTORS: ReadonlyArray<readonly [key: string, plain: string, cipher: string]> = [
  ['0000000000000000', '0000000000000000', '4EF997456198DD78'],
  ['FFFFFFFFFFFFFFFF', 'FFFFFFFFFFFFFFFF', '51866FD5B85ECB8A'],
  ['3000000000000000', '1000000000000001', '7D856F9A613063F2'],
  ['1111111111111111', '1111111111111111', '2466DD878B963C9D'],
  ['0123456789ABCDEF', '1111111111111111', '61F9C3802281B096'],
  ['FEDCBA9876543210', '0123456789ABCDEF', '0ACEAB0FC6A0A28D'],
  ['7CA110454A1A6E57', '01A1D6D039776742', '59C68245EB05282B'],
];

// The variable-key-length vectors: the first n bytes of one key, plaintext FEDCBA9876543210.
const LONG_KEY = 'F0E1D2C3B4A5968778695A4B3C2D1E0F0011223344556677';
const SET_KEY: ReadonlyArray<readonly [bytes: number, cipher: string]> = [
  [1, 'F9AD597C49DB005E'],
  [2, 'E91D21C1D961A6D6'],
  [3, 'E9C2B70A1BC65CF3'],
  [4, 'BE1E639408640F05'],
  [5, 'B39E44481BDB1E6E'],
  [6, '9457AA83B1928C0D'],
  [7, '8BB77032F960629D'],
  [8, 'E87A244E2CC85E82'],
  [24, '05044B62FA52D080'],
];

describe('Blowfish', () => {
  it.each(ECB_VECTORS)('encrypts %s / %s to %s', (key, plain, cipher) => {
    expect(ecb(key, plain)).toBe(cipher);
  });

  it.each(SET_KEY)('takes keys of %i bytes', (bytes, cipher) => {
    expect(ecb(LONG_KEY.slice(0, bytes * 2), 'FEDCBA9876543210')).toBe(cipher);
  });

  it.each(ECB_VECTORS)('decrypts what it encrypted (key %s)', (key, plain, cipher) => {
    const block = hex(cipher);
    new Blowfish(hex(key)).decryptBlock(block, 0);
    expect(block.toString('hex').toUpperCase()).toBe(plain);
  });

  it('refuses an empty key and one over 56 bytes (448 bits)', () => {
    expect(() => new Blowfish(Buffer.alloc(0))).toThrow(RangeError);
    expect(() => new Blowfish(Buffer.alloc(57))).toThrow('1 to 56 bytes, not 57');
    expect(() => new Blowfish(Buffer.alloc(56))).not.toThrow();
  });

  describe("in Eric Young's chaining modes (key 0123…A59687, IV FEDCBA9876543210)", () => {
    const cipher = () => new Blowfish(hex('0123456789ABCDEFF0E1D2C3B4A59687'));
    const iv = hex('FEDCBA9876543210');
    // "7654321 Now is the time for " and its NUL: 29 bytes, zero-filled to 4 blocks for CBC.
    const data = Buffer.concat([Buffer.from('7654321 Now is the time for '), Buffer.alloc(4)]);
    const expected = {
      CBC: '6B77B4D63006DEE605B156E27403979358DEB9E7154616D959F1652BD5FF92CC',
      // CFB64 and OFB64 are stream modes: the vectors cover the 29 bytes of the message.
      CFB: 'E73214A2822139CAF26ECF6D2EB9E76E3DA3DE04D1517200519D57A6C3',
      OFB: 'E73214A2822139CA62B343CC5B65587310DD908D0C241B2263C2CF80DA',
    } as const;

    it.each(Object.entries(expected))('%s', (mode, cipherText) => {
      const m = mode as keyof typeof expected;
      const out = encryptBlocks(cipher(), m, iv, data).toString('hex').toUpperCase();
      expect(out.slice(0, cipherText.length)).toBe(cipherText);
      const back = decryptBlocks(cipher(), m, iv, Buffer.from(out, 'hex'));
      expect(back).toEqual(data);
    });
  });
});
