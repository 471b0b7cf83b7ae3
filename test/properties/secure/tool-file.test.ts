import { describe, expect, it } from 'vitest';
import { muleCipher } from '../../../src/properties/secure/mule-cipher.js';
import { applyToFile, applyToWholeFile } from '../../../src/properties/secure/tool-file.js';

const cipher = () => muleCipher({ algorithm: 'AES', mode: 'CBC', useRandomIVs: false }, 'flowrt-test-k16b');

// Inputs and outputs of the tool's file mode, written by fixtures/ToolFile.java (the tool's
// processFileLine with JCE in place of mule-encryption): `java ToolFile encrypt in.yaml`.
const YAML_IN = [
  'db:',
  '  user: admin # the user',
  '  password: "s3cret" # quoted',
  '',
  '  empty:',
  '  quotes: ""',
  "  single: 'x y'",
  '  half: abc"def',
  'list:',
  '  - a',
  'url: http://h:80/p',
  '# comment only',
  'hash: "a#b"',
  '',
].join('\n');
const YAML_OUT = [
  'db:',
  '  user: ![d5Ksha9/A480wP7sAjzGdw==] # the user',
  '  password: "![BWsm/iuUNP/zMKbPn8V3gA==]" # quoted',
  '',
  '  empty:',
  '  quotes: "![XJjvqJxDXDY9b4VLND+Thg==]"',
  '  single: ![PxuDtsEzvWxuFk/uGwbc0g==]',
  '  half: "![BrnK8qCE0P6TLVw3hCau8A==]"',
  'list:',
  '',
  'url: ![CKTlFOMqiviZCpZIdgB9kA==]',
  '# comment only',
  'hash: "![GheGsQaFvl/mGyYAHlSPdQ==]"',
  '',
].join('\n');
const YAML_BACK = [
  'db:',
  '  user: admin # the user',
  '  password: "s3cret" # quoted',
  '',
  '  empty:',
  '  quotes: ""',
  "  single: 'x y'",
  '  half: "def"',
  'list:',
  '',
  'url: http://h:80/p',
  '# comment only',
  'hash: "a#b"',
  '',
].join('\n');

describe("the Secure Properties Tool's file mode", () => {
  it('encrypts every YAML value byte for byte as the tool does, quirks included', () => {
    expect(applyToFile(YAML_IN, 'encrypt', true, cipher())).toEqual({ text: YAML_OUT, errors: [] });
  });

  it('decrypts what it encrypted (what the tool dropped stays dropped)', () => {
    expect(applyToFile(YAML_OUT, 'decrypt', true, cipher())).toEqual({ text: YAML_BACK, errors: [] });
  });

  it('handles .properties files: key=value, no space added', () => {
    const out = applyToFile('a=1\nb = two words # c\r\nc=x=y', 'encrypt', false, cipher());
    expect(out.text).toBe('a=![hvJrcS6RMfvsvo24JtL0Mg==]\nb =![oSzQp66h4dqmsMU6Qs3+zQ==] # c\nc=![ej+tkLDi/g3MC47Aj8kH8g==]\n');
  });

  it('names the lines whose values do not decrypt', () => {
    const out = applyToFile('a: ![d5Ksha9/A480wP7sAjzGdw==]\nb: ![AAAAAAAAAAAAAAAAAAAAAA==]\nc: plain\n', 'decrypt', true, cipher());
    expect(out.errors).toEqual([{ line: 2, message: 'the decrypted value has no valid padding' }]);
  });
});

describe("the Secure Properties Tool's file-level mode", () => {
  it('writes the base64 of the whole file encrypted, and reads it back', () => {
    const text = Buffer.from('db:\n  password: s3cret\n');
    const encrypted = applyToWholeFile(text, 'encrypt', cipher());
    expect(encrypted.toString()).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(applyToWholeFile(encrypted, 'decrypt', cipher())).toEqual(text);
    expect(applyToWholeFile(Buffer.concat([encrypted, Buffer.from('\n')]), 'decrypt', cipher())).toEqual(text);
  });
});
