import { describe, expect, it } from 'vitest';
import type { DwFunction } from '../../../../src/expr/dataweave/values/model.js';
import { dw, rx } from './support.js';

describe('upper, lower, trim, isBlank', () => {
  it('change case', () => {
    expect(dw('upper', 'mulesoft')).toBe('MULESOFT');
    expect(dw('lower', 'MuleSoft')).toBe('mulesoft');
    expect(dw('upper', null)).toBeNull();
    expect(dw('lower', null)).toBeNull();
  });
  it('coerce a number to text', () => {
    expect(dw('upper', 1)).toBe('1');
  });
  it('trim as Java trims: control characters and spaces, not other Unicode spaces', () => {
    expect(dw('trim', '   my really long  text     ')).toBe('my really long  text');
    expect(dw('trim', '\t\n x \r')).toBe('x');
    expect(dw('trim', '\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(dw('trim', null)).toBeNull();
  });
  it('tell blank text', () => {
    expect(dw('isBlank', null)).toBe(true);
    expect(dw('isBlank', '    ')).toBe(true);
    expect(dw('isBlank', '')).toBe(true);
    expect(dw('isBlank', 'Hello')).toBe(false);
    expect(dw('isBlank', '   Hello  ')).toBe(false);
  });
});

describe('startsWith and endsWith', () => {
  it('compare the ends of a text', () => {
    expect(dw('startsWith', 'Mari', 'Mar')).toBe(true);
    expect(dw('startsWith', 'Mari', 'Em')).toBe(false);
    expect(dw('endsWith', 'Mari', 'ari')).toBe(true);
    expect(dw('endsWith', 'Mari', 'a')).toBe(false);
  });
  it('answer false for null', () => {
    expect(dw('startsWith', null, 'a')).toBe(false);
    expect(dw('endsWith', null, 'a')).toBe(false);
  });
});

describe('splitBy', () => {
  it('splits by a regex as Java splits', () => {
    expect(dw('splitBy', '192.88.99.0/24', rx('[.\\/]'))).toEqual(['192', '88', '99', '0', '24']);
    // The documentation writes these two with Java's `^*`, which JavaScript refuses; translating Java regexes is the compiler's part.
    expect(dw('splitBy', 'a-b-c', rx('.b.'))).toEqual(['a', 'c']);
    expect(dw('splitBy', 'hello world', rx('\\s'))).toEqual(['hello', 'world']);
    expect(dw('splitBy', 'no match', rx('^s'))).toEqual(['no match']);
    expect(dw('splitBy', 'no match', rx('^n..'))).toEqual(['', 'match']);
    expect(dw('splitBy', 'a1b2c3d4A1B2C3D', rx('[0-9A-Z]'))).toEqual(['a', 'b', 'c', 'd']);
    expect(dw('splitBy', 'mycompany.com', rx('[.\\/]'))).toEqual(['mycompany', 'com']);
  });
  it('splits by literal text', () => {
    expect(dw('splitBy', '192.88.99.0', '.')).toEqual(['192', '88', '99', '0']);
    expect(dw('splitBy', 'a-b-c', '-')).toEqual(['a', 'b', 'c']);
    expect(dw('splitBy', 'hello world', '')).toEqual(['h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd']);
    expect(dw('splitBy', 'first,middle,last', ',')).toEqual(['first', 'middle', 'last']);
    expect(dw('splitBy', 'no split', 'NO')).toEqual(['no split']);
  });
  it('drops trailing empty pieces and keeps inner ones', () => {
    expect(dw('splitBy', 'a,,b,,', ',')).toEqual(['a', '', 'b']);
    expect(dw('splitBy', ',a', ',')).toEqual(['', 'a']);
    expect(dw('splitBy', '', ',')).toEqual(['']);
  });
  it('passes null through', () => {
    expect(dw('splitBy', null, ',')).toBeNull();
  });
});

describe('match, matches, scan', () => {
  it('match the whole text into its groups', () => {
    expect(dw('match', 'me@mulesoft.com', rx('([a-z]*)@([a-z]*)\\.com'))).toEqual(['me@mulesoft.com', 'me', 'mulesoft']);
    expect(dw('match', 'mycompany.com', rx('([a-z]*).[a-z]*'))).toEqual(['mycompany.com', 'mycompany']);
    expect(dw('match', '192.168.0.0/16', rx('.*[$4]'))).toEqual([]);
    expect(dw('match', '192.88.99.0/24', rx('.*[$4]'))).toEqual(['192.88.99.0/24']);
    expect(dw('match', 'ab', rx('a|ab'))).toEqual(['ab']);
    expect(dw('match', 'a', rx('(a)|(b)'))).toEqual(['a', 'a', null]);
    expect(dw('match', null, rx('a'))).toBeNull();
  });
  it('tell whether the whole text matches', () => {
    expect(dw('matches', 'admin123', rx('a.*\\d+'))).toBe(true);
    expect(dw('matches', 'admin123', rx('^b.+'))).toBe(false);
    expect(dw('matches', 'admin123x', rx('a.*\\d+'))).toBe(false);
    expect(dw('matches', null, rx('a'))).toBe(false);
  });
  it('scan every match with its groups', () => {
    expect(dw('scan', 'anypt@mulesoft.com,max@mulesoft.com', rx('([a-z]*)@([a-z]*).com'))).toEqual([
      ['anypt@mulesoft.com', 'anypt', 'mulesoft'],
      ['max@mulesoft.com', 'max', 'mulesoft'],
    ]);
    expect(dw('flatten', dw('scan', 'www.mulesoft.com', rx('([w]*).([a-z]*).([a-z]*)')))).toEqual(['www.mulesoft.com', 'www', 'mulesoft', 'com']);
    expect(dw('scan', 'abc', rx('x*'))).toEqual([[''], [''], [''], ['']]);
    expect(dw('scan', 'abc', rx('z'))).toEqual([]);
    expect(dw('scan', null, rx('a'))).toBeNull();
  });
});

describe('replace … with', () => {
  const replace = (text: unknown, matcher: unknown, replacement: unknown) => dw('with', dw('replace', text, matcher), replacement);

  it('replaces every regex match', () => {
    expect(replace('123-456-7890', rx('.*-'), '')).toBe('7890');
    expect(replace('abc123def', rx('[b13e]'), '-')).toBe('a-c-2-d-f');
    expect(replace('my123', rx('(\\d+)'), 'ID')).toBe('myID');
    expect(replace('myOther123', rx('(\\d+)'), 'ID')).toBe('myOtherID');
    expect(replace('987-65-4321', rx('[0-9]'), 'x')).toBe('xxx-xx-xxxx');
    expect(replace('mycompany.com', rx('\\..*m'), '.net')).toBe('mycompany.net');
  });
  it('replaces every occurrence of a text, literally', () => {
    expect(replace('admin123', '123', 'ID')).toBe('adminID');
    expect(replace('a.b.c', '.', '-')).toBe('a-b-c');
    expect(replace('aaa', 'aa', 'b')).toBe('ba');
  });
  it('hands a replacer function the match, its groups and its number', () => {
    const f = ((m: string[], i: number) => `${m[1]}${i}`) as unknown as DwFunction;
    expect(replace('a1 b2', rx('([a-z])\\d'), f)).toBe('a0 b1');
  });
  it('takes a replacement literally, $1 included', () => {
    expect(replace('abc', rx('(b)'), '$1$1')).toBe('a$1$1c');
  });
  it('replaces empty matches as Java does', () => {
    expect(replace('abc', rx('x*'), '-')).toBe('-a-b-c-');
  });
  it('answers null for null', () => {
    expect(replace(null, 'a', 'b')).toBeNull();
  });
  it('coerces a number replacement to text', () => {
    expect(replace('a-b', '-', 1)).toBe('a1b');
  });
});
