import { describe, expect, it } from 'vitest';
import { isToken, TOKEN_PATTERN } from '../../src/util/http-token.js';

describe('isToken', () => {
  it('accepts header names and methods made of tchar', () => {
    for (const name of ['x-request-id', 'Content-Type', 'GET', "!#$%&'*+.^_`|~", 'a1']) expect(isToken(name)).toBe(true);
  });

  it('refuses the empty name, separators, spaces and non-ASCII', () => {
    for (const name of ['', 'x request', 'x:y', 'a,b', '"q"', 'a\r\nb', 'naïve', '(x)', 'a/b']) expect(isToken(name)).toBe(false);
  });

  it('is the JSON Schema pattern the configurations use', () => {
    expect(new RegExp(TOKEN_PATTERN).test('x-ok')).toBe(true);
    expect(new RegExp(TOKEN_PATTERN).test('x ok')).toBe(false);
  });
});
