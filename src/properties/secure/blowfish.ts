import type { BlockCipher } from './block-modes.js';
import { piWords } from './pi-words.js';

/** Blowfish keys are 1 to 56 bytes (448 bits), as Java's SunJCE accepts them. */
export const BLOWFISH_MAX_KEY_BYTES = 56;

let initial: Uint32Array | undefined;

/** The P-array (18 words) followed by the four S-boxes (256 words each): the hex digits of π. */
function initialTables(): Uint32Array {
  initial ??= piWords(18 + 4 * 256);
  return initial;
}

/**
 * Bruce Schneier's Blowfish (1993): a 64-bit block cipher with a 16-round Feistel network. Node 20
 * ships OpenSSL 3, whose default provider no longer has it (`bf-cbc` is "unsupported"), and Mule's
 * Secure Configuration Properties module offers it, so flowrt carries its own.
 *
 * @example
 * const bf = new Blowfish(Buffer.from('0000000000000000', 'hex'));
 * const block = Buffer.alloc(8);
 * bf.encryptBlock(block, 0); // block is now 4ef997456198dd78 (Eric Young's first test vector)
 */
export class Blowfish implements BlockCipher {
  readonly blockSize = 8;
  private readonly p: Uint32Array;
  private readonly s: Uint32Array;

  constructor(key: Uint8Array) {
    if (key.length < 1 || key.length > BLOWFISH_MAX_KEY_BYTES) {
      throw new RangeError(`a Blowfish key is 1 to ${BLOWFISH_MAX_KEY_BYTES} bytes, not ${key.length}`);
    }
    const tables = initialTables();
    this.p = tables.slice(0, 18);
    this.s = tables.slice(18);
    // The key, repeated as often as needed, is XORed into the P-array ...
    for (let i = 0, k = 0; i < 18; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++, k = (k + 1) % key.length) word = (word << 8) | key[k]!;
      this.p[i]! ^= word;
    }
    // ... then every P and S entry is replaced, in order, by the cipher's own output.
    let block: [number, number] = [0, 0];
    for (const table of [this.p, this.s]) {
      for (let i = 0; i < table.length; i += 2) {
        block = this.encryptWords(block[0], block[1]);
        table[i] = block[0];
        table[i + 1] = block[1];
      }
    }
  }

  encryptBlock(data: Uint8Array, offset: number): void {
    const view = new DataView(data.buffer, data.byteOffset + offset, 8);
    const [l, r] = this.encryptWords(view.getUint32(0), view.getUint32(4));
    view.setUint32(0, l >>> 0);
    view.setUint32(4, r >>> 0);
  }

  decryptBlock(data: Uint8Array, offset: number): void {
    const view = new DataView(data.buffer, data.byteOffset + offset, 8);
    const [l, r] = this.decryptWords(view.getUint32(0), view.getUint32(4));
    view.setUint32(0, l >>> 0);
    view.setUint32(4, r >>> 0);
  }

  private encryptWords(left: number, right: number): [number, number] {
    const p = this.p;
    for (let i = 0; i < 16; i += 2) {
      left ^= p[i]!;
      right ^= this.f(left) ^ p[i + 1]!;
      left ^= this.f(right);
    }
    left ^= p[16]!;
    right ^= p[17]!;
    return [right >>> 0, left >>> 0];
  }

  private decryptWords(first: number, second: number): [number, number] {
    const p = this.p;
    let left = second;
    let right = first ^ p[17]!;
    for (let i = 16; i > 0; i -= 2) {
      left ^= p[i]! ^ this.f(right);
      right ^= p[i - 1]! ^ this.f(left);
    }
    left ^= p[0]!;
    return [left >>> 0, right >>> 0];
  }

  /** F(x) = ((S1[a] + S2[b]) ^ S3[c]) + S4[d] mod 2³², a…d the bytes of x from the top. */
  private f(x: number): number {
    const s = this.s;
    return (((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) >>> 0;
  }
}
