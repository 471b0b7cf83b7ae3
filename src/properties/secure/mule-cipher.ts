import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Mode } from './block-modes.js';
import { decryptBlocks, encryptBlocks, pkcs5Pad, pkcs5Unpad } from './block-modes.js';
import { Blowfish, BLOWFISH_MAX_KEY_BYTES } from './blowfish.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

/** The algorithms flowrt implements of those Mule's module offers. */
export const ALGORITHMS = ['AES', 'Blowfish'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Every algorithm Mule's module names (its EncryptionAlgorithm enum), for "not supported yet" rather than "unknown". */
export const MULE_ALGORITHMS: readonly string[] = [
  'AES',
  'Blowfish',
  'DES',
  'DESede',
  'Camellia',
  'CAST5',
  'CAST6',
  'Noekeon',
  'Rijndael',
  'SEED',
  'Serpent',
  'Skipjack',
  'TEA',
  'Twofish',
  'XTEA',
  'RC2',
  'RC5',
  'RC6',
];

/** How values are encrypted: `<secure-properties:encrypt algorithm mode useRandomIVs>`. */
export interface CipherSettings {
  readonly algorithm: Algorithm;
  readonly mode: Mode;
  readonly useRandomIVs: boolean;
}

export type SecureCipherErrorCode = 'invalid-key' | 'bad-ciphertext';

/** Why a key cannot be used, or why a value does not decrypt. Its message never holds the key or a value. */
export class SecureCipherError extends FlowrtError<SecureCipherErrorCode> {}

export interface MuleCipher {
  encrypt(plain: Uint8Array): Buffer;
  /** Throws a {@link SecureCipherError} `bad-ciphertext` when the data is not whole blocks or its padding is wrong. */
  decrypt(data: Uint8Array): Buffer;
}

type Transform = (data: Buffer, iv: Buffer) => Buffer;

/**
 * Mule's `JCEEncrypter` (mule-encryption, used by the Secure Configuration Properties module and
 * the Secure Properties Tool) for `<algorithm>/<mode>/PKCS5Padding`:
 * - the key is the key string's bytes (UTF-8), used as they are: AES takes 16, 24 or 32 bytes,
 *   Blowfish 1 to 56;
 * - every mode pads with PKCS#5, CFB and OFB too;
 * - ECB uses no IV; otherwise, without random IVs the IV is the key's first block-size bytes
 *   (zero-filled when the key is shorter, as Java's `Arrays.copyOfRange` does); with random IVs,
 *   a fresh IV is written in front of the ciphertext and read from there on decryption.
 *
 * @example muleCipher({ algorithm: 'AES', mode: 'CBC', useRandomIVs: false }, 'mulesoft-key-16b').encrypt(Buffer.from('secret'))
 */
export function muleCipher(settings: CipherSettings, key: string, random: (n: number) => Buffer = randomBytes): MuleCipher {
  const keyBytes = Buffer.from(key, 'utf8');
  const { blockSize, encrypt, decrypt } = settings.algorithm === 'AES' ? aes(keyBytes, settings.mode) : blowfish(keyBytes, settings.mode);
  const keyIv = Buffer.alloc(blockSize);
  keyBytes.copy(keyIv, 0, 0, blockSize);
  const ecb = settings.mode === 'ECB';
  return {
    encrypt(plain) {
      const iv = ecb ? keyIv : settings.useRandomIVs ? random(blockSize) : keyIv;
      const out = encrypt(pkcs5Pad(plain, blockSize), iv);
      return settings.useRandomIVs && !ecb ? Buffer.concat([iv, out]) : out;
    },
    decrypt(data) {
      const withIv = settings.useRandomIVs && !ecb;
      const body = Buffer.from(withIv ? data.subarray(blockSize) : data);
      if (body.length === 0 || body.length % blockSize !== 0) {
        throw new SecureCipherError(
          'bad-ciphertext',
          `the value is ${data.length} bytes: not ${withIv ? 'an IV and ' : ''}whole ${blockSize}-byte blocks of ${settings.algorithm}`,
        );
      }
      const iv = withIv ? Buffer.from(data.subarray(0, blockSize)) : keyIv;
      const plain = pkcs5Unpad(decrypt(body, iv), blockSize);
      if (!plain) throw new SecureCipherError('bad-ciphertext', 'the decrypted value has no valid padding');
      return plain;
    },
  };
}

function aes(key: Buffer, mode: Mode): { blockSize: number; encrypt: Transform; decrypt: Transform } {
  if (![16, 24, 32].includes(key.length)) {
    throw new SecureCipherError('invalid-key', `an AES key is 16, 24 or 32 bytes (UTF-8), this one is ${key.length}`);
  }
  // OpenSSL's aes-*-cfb and aes-*-ofb are the full-block CFB128 and OFB128 Java uses for AES.
  const name = `aes-${key.length * 8}-${mode.toLowerCase()}`;
  const run =
    (create: typeof createCipheriv | typeof createDecipheriv): Transform =>
    (data, iv) => {
      const cipher = create(name, key, mode === 'ECB' ? null : iv);
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(data), cipher.final()]);
    };
  return { blockSize: 16, encrypt: run(createCipheriv), decrypt: run(createDecipheriv) };
}

function blowfish(key: Buffer, mode: Mode): { blockSize: number; encrypt: Transform; decrypt: Transform } {
  if (key.length < 1 || key.length > BLOWFISH_MAX_KEY_BYTES) {
    throw new SecureCipherError('invalid-key', `a Blowfish key is 1 to ${BLOWFISH_MAX_KEY_BYTES} bytes (UTF-8), this one is ${key.length}`);
  }
  const cipher = new Blowfish(key);
  return {
    blockSize: 8,
    encrypt: (data, iv) => encryptBlocks(cipher, mode, iv, data),
    decrypt: (data, iv) => decryptBlocks(cipher, mode, iv, data),
  };
}
