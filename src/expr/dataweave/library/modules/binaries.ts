import { fail } from '../../values/eval-error.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { codec } from './charset.js';

/** dw::core::Binaries: Base64 and hex text of binary values, and binaries as lines of text. */

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** DataWeave coerces a String argument to Binary (UTF-8) where a Binary is declared. */
const bin = (v: Uint8Array | string): Uint8Array => (typeof v === 'string' ? new TextEncoder().encode(v) : v);

function fromBase64(text: string): Uint8Array {
  // Java's MIME decoder, which DataWeave uses, skips line breaks and other characters outside the alphabet.
  const clean = text.replace(/[^A-Za-z0-9+/=_-]/g, '');
  if (/=[^=]/.test(clean)) fail(`Invalid Base64 input: data after the padding`);
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || /[^0-9a-fA-F]/.test(text))
    fail(`Invalid hexadecimal string: ${JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text)}`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export const BINARIES: FunctionTable = {
  concatWith: defineFunction('concatWith', [
    overload('Binary, Binary', concat),
    overload('Binary, Null', (a: Uint8Array) => a),
    overload('Null, Binary', (_a: null, b: Uint8Array) => b),
  ]),
  toBase64: defineFunction('toBase64', [overload('Binary | String', (b: Uint8Array | string) => buf(bin(b)).toString('base64'))]),
  fromBase64: defineFunction('fromBase64', [overload('String', fromBase64)]),
  // Upper case, as the documented "Mule" → "4D756C65".
  toHex: defineFunction('toHex', [overload('Binary | String', (b: Uint8Array | string) => buf(bin(b)).toString('hex').toUpperCase())]),
  fromHex: defineFunction('fromHex', [overload('String', fromHex)]),
  readLinesWith: defineFunction('readLinesWith', [
    overload('Binary, String', (b: Uint8Array, charset: string) => {
      const lines = codec(charset)
        .decode(b)
        .split(/\r\n|\r|\n/);
      // A final line break ends the last line; it does not start an empty one.
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines;
    }),
  ]),
  writeLinesWith: defineFunction('writeLinesWith', [
    overload('Array, String', (lines: readonly string[], charset: string) => {
      for (const l of lines) if (typeof l !== 'string') fail(`writeLinesWith: every line must be a String`);
      return codec(charset).encode(lines.map((l) => `${l}\n`).join(''));
    }),
  ]),
};
