import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BlockCipher, Mode } from '../../../src/properties/secure/block-modes.js';
import { decryptBlocks, encryptBlocks, MODES, pkcs5Pad, pkcs5Unpad } from '../../../src/properties/secure/block-modes.js';

/** AES-128 one block at a time (OpenSSL's ECB), to check the modes against OpenSSL's own. */
function aesBlock(key: Buffer): BlockCipher {
  const run = (decrypt: boolean) => (data: Uint8Array, offset: number) => {
    const c = (decrypt ? createDecipheriv : createCipheriv)('aes-128-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([c.update(data.subarray(offset, offset + 16)), c.final()]);
    out.copy(data, offset);
  };
  return { blockSize: 16, encryptBlock: run(false), decryptBlock: run(true) };
}

describe('block modes', () => {
  const key = randomBytes(16);
  const iv = randomBytes(16);
  const data = randomBytes(16 * 5);

  it.each(MODES)('%s matches OpenSSL over the same block cipher', (mode: Mode) => {
    const openssl = createCipheriv(`aes-128-${mode.toLowerCase()}`, key, mode === 'ECB' ? null : iv).setAutoPadding(false);
    const expected = Buffer.concat([openssl.update(data), openssl.final()]);
    const encrypted = encryptBlocks(aesBlock(key), mode, iv, data);
    expect(encrypted.toString('hex')).toBe(expected.toString('hex'));
    expect(decryptBlocks(aesBlock(key), mode, iv, encrypted)).toEqual(data);
  });

  it('leaves its input untouched', () => {
    const copy = Buffer.from(data);
    encryptBlocks(aesBlock(key), 'CBC', iv, data);
    expect(data).toEqual(copy);
  });
});

describe('PKCS#5 padding', () => {
  it('always adds 1 to blockSize bytes holding the count', () => {
    expect(pkcs5Pad(Buffer.from('abc'), 8).toString('hex')).toBe('6162630505050505');
    expect(pkcs5Pad(Buffer.alloc(8, 1), 8).subarray(8).toString('hex')).toBe('0808080808080808');
    expect(pkcs5Pad(Buffer.alloc(0), 16)).toEqual(Buffer.alloc(16, 16));
  });

  it('removes valid padding and refuses anything else', () => {
    expect(pkcs5Unpad(Buffer.from('6162630505050505', 'hex'), 8)?.toString()).toBe('abc');
    expect(pkcs5Unpad(Buffer.from('6162630505050405', 'hex'), 8)).toBeUndefined();
    expect(pkcs5Unpad(Buffer.from('6162636465666700', 'hex'), 8)).toBeUndefined();
    expect(pkcs5Unpad(Buffer.from('6162636465666709', 'hex'), 8)).toBeUndefined();
    expect(pkcs5Unpad(Buffer.from('61626364656601', 'hex'), 8)).toBeUndefined();
  });
});
