import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';

const B = MODULES['dw::core::Binaries']!;
const U = MODULES['dw::core::URL']!;
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: unknown) => new TextDecoder().decode(b as Uint8Array);

describe('dw::core::Binaries', () => {
  it('toBase64 and fromBase64 round-trip', () => {
    expect(B.toBase64!(bytes('Hello World'))).toBe('SGVsbG8gV29ybGQ=');
    expect(text(B.fromBase64!('SGVsbG8gV29ybGQ='))).toBe('Hello World');
    expect(text(B.fromBase64!('SGVsbG8g\r\nV29ybGQ='))).toBe('Hello World');
    expect(B.toBase64!(new Uint8Array([0xff, 0xfe]))).toBe('//4=');
  });
  it('concatWith (documented case) and its null helpers', () => {
    const cafe = B.fromHex!('CAFE') as Uint8Array;
    const abcd = B.fromHex!('ABCD') as Uint8Array;
    expect(B.toBase64!(B.concatWith!(cafe, abcd))).toBe('yv6rzQ==');
    expect(B.concatWith!(cafe, null)).toBe(cafe);
    expect(B.concatWith!(null, abcd)).toBe(abcd);
  });
  it('toHex is upper case; fromHex takes either case', () => {
    expect(B.toHex!(bytes('Mule'))).toBe('4D756C65');
    expect(text(B.fromHex!('4D756C65'))).toBe('Mule');
    expect(text(B.fromHex!('4d756c65'))).toBe('Mule');
    expect(() => B.fromHex!('4D7')).toThrow(/hexadecimal/);
  });
  it('readLinesWith splits decoded lines, writeLinesWith ends each with a newline', () => {
    expect(B.readLinesWith!(bytes('Line 1\nLine 2\nLine 3\nLine 4\nLine 5\n'), 'UTF-8')).toEqual(['Line 1', 'Line 2', 'Line 3', 'Line 4', 'Line 5']);
    expect(B.readLinesWith!(bytes('a\r\nb'), 'UTF-8')).toEqual(['a', 'b']);
    expect(text(B.writeLinesWith!(['Line 1', 'Line 2', 'Line 3', 'Line 4', 'Line 5'], 'UTF-8'))).toBe('Line 1\nLine 2\nLine 3\nLine 4\nLine 5\n');
  });
  it('charsets by their Java names', () => {
    expect(Array.from(B.writeLinesWith!(['é'], 'ISO-8859-1') as Uint8Array)).toEqual([0xe9, 0x0a]);
    expect(Array.from(B.writeLinesWith!(['A'], 'UTF-16') as Uint8Array)).toEqual([0xfe, 0xff, 0, 0x41, 0, 0x0a]);
    expect(B.readLinesWith!(new Uint8Array([0xfe, 0xff, 0, 0x41]), 'utf-16')).toEqual(['A']);
    expect(B.readLinesWith!(new Uint8Array([0x41, 0]), 'UTF-16LE')).toEqual(['A']);
    expect(() => B.readLinesWith!(bytes('a'), 'EBCDIC-XYZ')).toThrow(/Unsupported charset/);
  });
});

describe('dw::core::URL', () => {
  it('encodeURI and encodeURIComponent (documented cases)', () => {
    expect(U.encodeURI!(' PATH/ TO /ENCODE ')).toBe('%20PATH/%20TO%20/ENCODE%20');
    expect(U.encodeURIComponent!(';,/?:@&=')).toBe('%3B%2C%2F%3F%3A%40%26%3D');
    expect(U.encodeURI!(';,/?:@&=')).toBe(';,/?:@&=');
    expect(U.encodeURIComponent!("-_.!~*'()")).toBe("-_.!~*'()");
    expect(U.encodeURI!("http://:;,/?:@&=$_-_.!~*'()")).toBe("http://:;,/?:@&=$_-_.!~*'()");
    expect(U.encodeURIComponent!('ü')).toBe('%C3%BC');
  });
  it('decodeURI and decodeURIComponent', () => {
    expect(U.decodeURI!('http://asd/%20text%20to%20decode%20/text')).toBe('http://asd/ text to decode /text');
    expect(U.decodeURIComponent!('%3B%2C%2F%3F%3A%40%26%3D')).toBe(';,/?:@&=');
    expect(U.decodeURI!('%3B')).toBe('%3B');
    expect(() => U.decodeURIComponent!('%E0%A4%A')).toThrow(/malformed/);
  });
  it('compose encodes the interpolated parts', () => {
    expect(U.compose!(['http://examplewebsite.com/', '/page.html'], ['content folder'])).toBe('http://examplewebsite.com/content%20folder/page.html');
  });
  it('parseURI (documented case)', () => {
    expect(U.parseURI!('https://en.wikipedia.org/wiki/Uniform_Resource_Identifier#footer')).toEqual({
      isValid: true,
      raw: 'https://en.wikipedia.org/wiki/Uniform_Resource_Identifier#footer',
      host: 'en.wikipedia.org',
      authority: 'en.wikipedia.org',
      fragment: 'footer',
      path: '/wiki/Uniform_Resource_Identifier',
      scheme: 'https',
      isAbsolute: true,
      isOpaque: false,
    });
  });
  it('parseURI: port, user, query; opaque and relative URIs; invalid ones', () => {
    expect(U.parseURI!('http://me@host:8080/a%20b?x=1&y=2')).toEqual({
      isValid: true,
      raw: 'http://me@host:8080/a%20b?x=1&y=2',
      host: 'host',
      authority: 'me@host:8080',
      port: 8080,
      user: 'me',
      path: '/a b',
      query: 'x=1&y=2',
      scheme: 'http',
      isAbsolute: true,
      isOpaque: false,
    });
    expect(U.parseURI!('mailto:a@b.com')).toEqual({ isValid: true, raw: 'mailto:a@b.com', scheme: 'mailto', isAbsolute: true, isOpaque: true });
    expect(U.parseURI!('docs/a.html')).toEqual({ isValid: true, raw: 'docs/a.html', path: 'docs/a.html', isAbsolute: false, isOpaque: false });
    expect(U.parseURI!('http://a b')).toEqual({ isValid: false, raw: 'http://a b' });
    expect(U.parseURI!('http://x/%zz')).toEqual({ isValid: false, raw: 'http://x/%zz' });
  });
});
