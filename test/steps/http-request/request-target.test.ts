import { describe, expect, it } from 'vitest';
import { pathTargets } from '../../../src/steps/http-request/request-target.js';
import { uriTemplate } from '../../../src/steps/http-request/uri-template.js';

const parsed = (origin: string, path: string): URL => new URL(`${origin}${path}`);

describe('pathTargets', () => {
  const target = pathTargets('http://127.0.0.1:8081');

  it('gives what new URL gives for a plain path', () => {
    for (const path of ['/stock/PEN', '/', '/a//b', '/a/.x', "/~x/!$&'()*+,;=:@", '/a/%41%zz']) {
      const url = parsed('http://127.0.0.1:8081', path);
      expect(target(path)).toEqual({ origin: url.origin, pathname: url.pathname, search: url.search, href: url.href });
    }
  });

  it('leaves to new URL what it would rewrite: dot segments, characters it encodes', () => {
    for (const path of ['/a/./b', '/a/..', '/a/%2e%2E', '/a/.%2e/b', '/a b', '/a?b', '/a#b', '/é', '/a\\b']) expect(target(path)).toBeUndefined();
  });

  it('writes the origin as URL does: default port left out, host lower-cased', () => {
    expect(pathTargets('http://Example.COM:80')('/x')?.href).toBe('http://example.com/x');
    expect(pathTargets('https://[::1]:443')('/x')?.origin).toBe('https://[::1]');
  });

  it('agrees with new URL on every path it accepts', () => {
    const alphabet = '/.%2eE./ab%~!:@$;=,';
    for (let i = 0; i < 5000; i++) {
      let path = '/';
      for (let j = (i % 11) + 1; j > 0; j--) path += alphabet[(i * 7 + j * 13) % alphabet.length];
      const fast = target(path);
      if (fast) expect(fast.href).toBe(parsed('http://127.0.0.1:8081', path).href);
    }
  });
});

describe('uriTemplate', () => {
  it('fills each {name}, percent-encoded as one segment', () => {
    expect(uriTemplate('/stock/{sku}/x/{n}')({ sku: 'a/b c', n: 3 })).toBe('/stock/a%2Fb%20c/x/3');
    expect(uriTemplate('/plain')({})).toBe('/plain');
  });

  it('refuses a placeholder with no value', () => {
    expect(() => uriTemplate('/stock/{sku}')({ sku: null })).toThrow('http:uri-params gives no value for it');
  });
});
