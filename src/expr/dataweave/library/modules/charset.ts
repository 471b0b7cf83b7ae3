import { fail } from '../../values/eval-error.js';

/**
 * Text to bytes and back in the charsets Mule apps name (Java's names, any case): UTF-8,
 * UTF-16 (big-endian, with a byte-order mark written and honoured, as Java's UTF-16 is),
 * UTF-16BE, UTF-16LE, ISO-8859-1 and US-ASCII. Others are an error naming the charset.
 */

type Codec = { encode(text: string): Uint8Array; decode(bytes: Uint8Array): string };

const swap = (b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
};

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const utf16le: Codec = { encode: (t) => new Uint8Array(Buffer.from(t, 'utf16le')), decode: (b) => buf(b).toString('utf16le') };
const utf16be: Codec = { encode: (t) => swap(utf16le.encode(t)), decode: (b) => utf16le.decode(swap(b)) };

const CODECS: Record<string, Codec> = {
  'utf-8': { encode: (t) => new TextEncoder().encode(t), decode: (b) => new TextDecoder('utf-8').decode(b) },
  'utf-16le': utf16le,
  'utf-16be': utf16be,
  'utf-16': {
    encode: (t) => new Uint8Array([0xfe, 0xff, ...utf16be.encode(t)]),
    decode: (b) => (b[0] === 0xff && b[1] === 0xfe ? utf16le.decode(b.subarray(2)) : utf16be.decode(b[0] === 0xfe && b[1] === 0xff ? b.subarray(2) : b)),
  },
  'iso-8859-1': { encode: (t) => new Uint8Array(Buffer.from(t.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1')), decode: (b) => buf(b).toString('latin1') },
  'us-ascii': { encode: (t) => new Uint8Array(Buffer.from(t.replace(/[^\u0000-\u007f]/g, '?'), 'latin1')), decode: (b) => buf(b).toString('ascii') },
};

const ALIASES: Record<string, string> = { utf8: 'utf-8', latin1: 'iso-8859-1', 'iso8859-1': 'iso-8859-1', ascii: 'us-ascii', utf16: 'utf-16' };

export function codec(charset: string): Codec {
  const name = charset.trim().toLowerCase();
  return CODECS[ALIASES[name] ?? name] ?? fail(`Unsupported charset: ${charset}`);
}
