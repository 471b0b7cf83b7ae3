import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MODES, pkcs5Pad } from '../../../src/properties/secure/block-modes.js';
import type { CipherSettings } from '../../../src/properties/secure/mule-cipher.js';
import { muleCipher, SecureCipherError } from '../../../src/properties/secure/mule-cipher.js';
import { decryptString, encryptString } from '../../../src/properties/secure/secure-value.js';
import { JAVA_IV, JAVA_VECTORS, VALUE } from './fixtures/java-vectors.js';

const fixedIv = (n: number) => JAVA_IV.subarray(0, n);

function thrown(f: () => unknown): SecureCipherError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureCipherError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('muleCipher: the same bytes as Java for Mule', () => {
  it.each(JAVA_VECTORS)('%s/%s/PKCS5Padding, random IVs %s, key "%s"', (algorithm, mode, useRandomIVs, key, base64) => {
    const cipher = muleCipher({ algorithm, mode, useRandomIVs }, key, fixedIv);
    expect(encryptString(cipher, VALUE)).toBe(base64);
    expect(decryptString(muleCipher({ algorithm, mode, useRandomIVs }, key), base64)).toBe(VALUE);
  });
});

describe('muleCipher: AES as documented, checked against node:crypto', () => {
  const keys = ['0123456789abcdef', '0123456789abcdef01234567', '0123456789abcdef0123456789abcdef'];
  const cases = keys.flatMap((key) => MODES.map((mode) => [key.length * 8, mode, key] as const));

  it.each(cases)("AES-%i %s: the IV is the key's first 16 bytes, every mode pads with PKCS#5", (bits, mode, key) => {
    const cipher = createCipheriv(`aes-${bits}-${mode.toLowerCase()}`, Buffer.from(key), mode === 'ECB' ? null : Buffer.from(key.slice(0, 16)));
    cipher.setAutoPadding(false);
    const expected = Buffer.concat([cipher.update(pkcs5Pad(Buffer.from(VALUE), 16)), cipher.final()]).toString('base64');
    expect(encryptString(muleCipher({ algorithm: 'AES', mode, useRandomIVs: false }, key), VALUE)).toBe(expected);
  });

  it.each(MODES.filter((m) => m !== 'ECB'))('AES %s with random IVs writes the IV first, then the ciphertext under it', (mode) => {
    const key = '0123456789abcdef';
    const iv = Buffer.from('fedcba9876543210');
    const cipher = createCipheriv(`aes-128-${mode.toLowerCase()}`, Buffer.from(key), iv);
    cipher.setAutoPadding(false);
    const expected = Buffer.concat([iv, cipher.update(pkcs5Pad(Buffer.from(VALUE), 16)), cipher.final()]).toString('base64');
    expect(
      encryptString(
        muleCipher({ algorithm: 'AES', mode, useRandomIVs: true }, key, () => iv),
        VALUE,
      ),
    ).toBe(expected);
  });

  it('ECB ignores useRandomIVs: no IV is written', () => {
    const settings = (useRandomIVs: boolean): CipherSettings => ({ algorithm: 'AES', mode: 'ECB', useRandomIVs });
    expect(encryptString(muleCipher(settings(true), '0123456789abcdef'), VALUE)).toBe(encryptString(muleCipher(settings(false), '0123456789abcdef'), VALUE));
  });
});

describe('muleCipher: round trips', () => {
  const settings = (['AES', 'Blowfish'] as const).flatMap((algorithm) =>
    MODES.flatMap((mode) => [false, true].map((useRandomIVs) => ({ algorithm, mode, useRandomIVs }))),
  );

  it.each(settings)('$algorithm $mode random IVs $useRandomIVs: any length and any UTF-8 text', (s) => {
    const key = s.algorithm === 'AES' ? 'k-0123456789abcd' : 'k-blowfish';
    for (const value of ['', 'a', 'exactly 16 bytes', 'pässwörd ✓ with emoji 🚀 and more text than one block']) {
      expect(decryptString(muleCipher(s, key), encryptString(muleCipher(s, key), value))).toBe(value);
    }
  });

  it('random IVs give a new ciphertext each time', () => {
    const s: CipherSettings = { algorithm: 'Blowfish', mode: 'CBC', useRandomIVs: true };
    expect(encryptString(muleCipher(s, 'mulesoft'), VALUE)).not.toBe(encryptString(muleCipher(s, 'mulesoft'), VALUE));
  });
});

describe('muleCipher: problems', () => {
  const aes: CipherSettings = { algorithm: 'AES', mode: 'CBC', useRandomIVs: false };

  it.each([15, 17, 31, 33])('refuses an AES key of %i bytes, without showing it', (n) => {
    const e = thrown(() => muleCipher(aes, 'x'.repeat(n)));
    expect(e.code).toBe('invalid-key');
    expect(e.message).toBe(`an AES key is 16, 24 or 32 bytes (UTF-8), this one is ${n}`);
  });

  it('counts key bytes in UTF-8, as Java does', () => {
    expect(thrown(() => muleCipher(aes, 'é'.repeat(9))).message).toContain('this one is 18');
    expect(() => muleCipher(aes, 'é'.repeat(8))).not.toThrow();
  });

  it('refuses a Blowfish key over 56 bytes', () => {
    expect(thrown(() => muleCipher({ ...aes, algorithm: 'Blowfish' }, 'k'.repeat(57))).message).toBe('a Blowfish key is 1 to 56 bytes (UTF-8), this one is 57');
  });

  it('reports a wrong key as bad padding', () => {
    const [, , , , base64] = JAVA_VECTORS.find(([alg, mode, random]) => alg === 'AES' && mode === 'CBC' && !random)!;
    const e = thrown(() => decryptString(muleCipher(aes, 'another-key-16by'), base64));
    expect(e.code).toBe('bad-ciphertext');
    expect(e.message).toBe('the decrypted value has no valid padding');
  });

  it('reports a value that is not whole blocks, or not base64', () => {
    expect(thrown(() => decryptString(muleCipher(aes, '0123456789abcdef'), 'AAAA')).message).toBe('the value is 3 bytes: not whole 16-byte blocks of AES');
    expect(thrown(() => decryptString(muleCipher({ ...aes, useRandomIVs: true }, '0123456789abcdef'), Buffer.alloc(16).toString('base64'))).message).toBe(
      'the value is 16 bytes: not an IV and whole 16-byte blocks of AES',
    );
    expect(thrown(() => decryptString(muleCipher(aes, '0123456789abcdef'), 'not base64!')).message).toBe('the value is not base64');
  });
});
