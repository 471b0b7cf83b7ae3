import type { MuleCipher } from './mule-cipher.js';
import { SecureCipherError } from './mule-cipher.js';
import { decryptString, encryptString } from './secure-value.js';

export type ToolAction = 'encrypt' | 'decrypt';

/** A line whose value did not decrypt. */
export interface ToolLineError {
  readonly line: number;
  readonly message: string;
}

/**
 * The Secure Properties Tool's `file` mode, line by line as the tool does it, so that the output
 * is byte for byte the tool's: on every `key: value` (YAML) or `key=value` (.properties) line the
 * value (the text between the first pair of double quotes when there are any) is encrypted into
 * `"![base64]"`, or an `![…]` in it decrypted; comments after `#` outside quotes are kept; blank
 * lines stay; lines without a separator keep only their comment (the tool drops YAML list items
 * and continuation lines: encrypt those values with the `string` mode).
 *
 * @example applyToFile('db:\n  password: secret\n', 'encrypt', true, cipher) // 'db:\n  password: ![…]\n'
 */
export function applyToFile(text: string, action: ToolAction, yaml: boolean, cipher: MuleCipher): { text: string; errors: ToolLineError[] } {
  const separator = yaml ? ':' : '=';
  const errors: ToolLineError[] = [];
  const out: string[] = [];
  lines(text).forEach((line, i) => {
    if (javaTrim(line) === '') {
      out.push('\n');
      return;
    }
    try {
      out.push(`${processLine(line, separator, yaml, (value) => applyToValue(value, action, cipher))}\n`);
    } catch (e) {
      if (!(e instanceof SecureCipherError)) throw e;
      errors.push({ line: i + 1, message: e.message });
    }
  });
  return { text: out.join(''), errors };
}

/** The tool's `file-level` mode: the whole file's bytes, as base64 of the encryption (no newline). */
export function applyToWholeFile(bytes: Buffer, action: ToolAction, cipher: MuleCipher): Buffer {
  if (action === 'encrypt') return Buffer.from(cipher.encrypt(bytes).toString('base64'));
  return cipher.decrypt(decodeBase64(bytes.toString('latin1').trim()));
}

function decodeBase64(text: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new SecureCipherError('bad-ciphertext', 'the file is not base64');
  return Buffer.from(text, 'base64');
}

function applyToValue(value: string, action: ToolAction, cipher: MuleCipher): string {
  if (action === 'encrypt') return `![${encryptString(cipher, value)}]`;
  const m = /!\[(.*)\]/.exec(value);
  return m ? decryptString(cipher, m[1]!) : value;
}

function processLine(line: string, separator: string, space: boolean, apply: (value: string) => string): string {
  const comment = commentOf(line);
  const content = withoutComment(line);
  const at = content.indexOf(separator);
  if (at < 0) return comment;
  let out = content.slice(0, at + 1);
  const value = javaTrim(content.slice(at + 1));
  if (value.length > 0) {
    if (space) out += ' ';
    const parts = javaSplit(value, '"');
    if (parts.length === 0) out += `"${apply('')}"`;
    else if (parts.length === 1) out += apply(value);
    else out += `"${apply(parts[1]!)}"`;
  }
  return comment.length > 0 ? `${out} ${comment}` : out;
}

/** From the first `#` outside double quotes to the end of the line. */
function commentOf(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '#' && !quoted) return line.slice(i);
    if (line[i] === '"') quoted = !quoted;
  }
  return '';
}

/** Up to a `#` outside quotes, or up to and with the closing quote of the first quoted value. */
function withoutComment(line: string): string {
  let opened = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '#' && !opened) return line.slice(0, i);
    if (c === '"') {
      if (opened) return line.slice(0, i + 1);
      opened = true;
    }
  }
  return line;
}

/** Java's `Files.lines`: split at \n, \r\n or \r, without an empty last line for a final newline. */
function lines(text: string): string[] {
  const all = text.split(/\r\n|\r|\n/);
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/** Java's `String.trim()`: removes characters up to U+0020 at both ends. */
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

/** Java's `String.split` on a literal character: trailing empty strings removed. */
function javaSplit(s: string, ch: string): string[] {
  const parts = s.split(ch);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
