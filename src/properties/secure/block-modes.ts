/** A block cipher keyed already, transforming one block in place. */
export interface BlockCipher {
  readonly blockSize: number;
  encryptBlock(data: Uint8Array, offset: number): void;
  decryptBlock(data: Uint8Array, offset: number): void;
}

/** The modes of operation Mule's Secure Configuration Properties module offers. */
export const MODES = ['CBC', 'CFB', 'ECB', 'OFB'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Encrypts whole blocks (pad first) in `mode`, as Java's `Cipher` does for `<alg>/<mode>/…`: CFB and
 * OFB feed back a full block (Java's CFB and OFB without a bit count are CFB64/OFB64 for 8-byte
 * blocks, CFB128/OFB128 for 16-byte ones). `iv` is ignored by ECB. NIST SP 800-38A §6.
 *
 * @example encryptBlocks(new Blowfish(key), 'CBC', iv, pkcs5Pad(plain, 8))
 */
export function encryptBlocks(cipher: BlockCipher, mode: Mode, iv: Uint8Array, data: Uint8Array): Buffer {
  const n = cipher.blockSize;
  const out = Buffer.from(data);
  let previous = Buffer.from(iv);
  for (let at = 0; at < out.length; at += n) {
    const block = out.subarray(at, at + n);
    if (mode === 'ECB') cipher.encryptBlock(block, 0);
    else if (mode === 'CBC') {
      xorInto(block, previous);
      cipher.encryptBlock(block, 0);
      previous = Buffer.from(block);
    } else {
      cipher.encryptBlock(previous, 0);
      xorInto(block, previous);
      // CFB feeds the ciphertext back; OFB the keystream alone.
      if (mode === 'CFB') previous = Buffer.from(block);
    }
  }
  return out;
}

/** The inverse of {@link encryptBlocks}: whole blocks in, padded plaintext out. */
export function decryptBlocks(cipher: BlockCipher, mode: Mode, iv: Uint8Array, data: Uint8Array): Buffer {
  const n = cipher.blockSize;
  const out = Buffer.from(data);
  let previous = Buffer.from(iv);
  for (let at = 0; at < out.length; at += n) {
    const block = out.subarray(at, at + n);
    const written = Buffer.from(block);
    if (mode === 'ECB') cipher.decryptBlock(block, 0);
    else if (mode === 'CBC') {
      cipher.decryptBlock(block, 0);
      xorInto(block, previous);
      previous = written;
    } else {
      cipher.encryptBlock(previous, 0);
      xorInto(block, previous);
      if (mode === 'CFB') previous = written;
    }
  }
  return out;
}

/** PKCS#5/#7 padding to a whole number of blocks: always 1 to `blockSize` bytes, each holding the count. */
export function pkcs5Pad(data: Uint8Array, blockSize: number): Buffer {
  const n = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** The data without its padding, or undefined when the padding is not valid (Java's BadPaddingException). */
export function pkcs5Unpad(data: Uint8Array, blockSize: number): Buffer | undefined {
  if (data.length === 0 || data.length % blockSize !== 0) return undefined;
  const n = data[data.length - 1]!;
  if (n < 1 || n > blockSize) return undefined;
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined;
  return Buffer.from(data.subarray(0, data.length - n));
}

function xorInto(target: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= other[i]!;
}
