import { describe, expect, it } from 'vitest';
import { checkPath, compareSpecificity, joinPath } from '../../src/http/paths.js';
import { compilePattern, segmentsOf } from '../../src/http/route-pattern.js';

/** Whether the pattern compiled from a Mule path accepts a request path. */
function accepts(path: string, request: string): boolean {
  const segments = segmentsOf(request);
  return compilePattern(path).match(segments, segments) !== undefined;
}

describe('joinPath', () => {
  it('joins a basePath and a listener path with exactly one slash', () => {
    expect(joinPath('/api', '/orders')).toBe('/api/orders');
    expect(joinPath('api/', 'orders')).toBe('/api/orders');
    expect(joinPath('/api/', '//orders')).toBe('/api/orders');
  });

  it('reads an empty basePath as none', () => {
    expect(joinPath('', '/orders/{id}')).toBe('/orders/{id}');
  });

  it('drops a trailing slash but keeps a trailing wildcard', () => {
    expect(joinPath('/api', '/orders/')).toBe('/api/orders');
    expect(joinPath('/api', '/*')).toBe('/api/*');
  });

  it('keeps the root path as /', () => {
    expect(joinPath('', '/')).toBe('/');
  });
});

describe('checkPath', () => {
  it('accepts literal, {param} and * segments', () => {
    expect(checkPath('/orders/{id}/lines/*')).toBeUndefined();
    expect(checkPath('/a/*/c')).toBeUndefined();
    expect(checkPath('/')).toBeUndefined();
  });

  it('rejects a uri parameter named twice', () => {
    expect(checkPath('/a/{id}/b/{id}')).toMatch(/\{id\}.*twice/);
  });

  it('rejects a wildcard inside a segment', () => {
    expect(checkPath('/files/*.txt')).toMatch(/whole segment/);
  });

  it('rejects a parameter mixed with text in one segment', () => {
    expect(checkPath('/orders/id-{id}')).toMatch(/whole segment/);
  });

  it('rejects an empty parameter name', () => {
    expect(checkPath('/orders/{}')).toMatch(/not a valid uri parameter/);
  });
});

describe('compilePattern', () => {
  it('matches a {param} segment against exactly one segment', () => {
    expect(accepts('/orders/{id}', '/orders/5')).toBe(true);
    expect(accepts('/orders/{id}', '/orders')).toBe(false);
    expect(accepts('/orders/{id}', '/orders/5/6')).toBe(false);
  });

  it('matches a trailing * against anything below the prefix, and the prefix itself', () => {
    for (const request of ['/api', '/api/', '/api/x', '/api/x/y/z']) expect(accepts('/api/*', request), request).toBe(true);
    expect(accepts('/api/*', '/apix')).toBe(false);
  });

  it('matches a middle * against one segment', () => {
    expect(accepts('/a/*/c', '/a/b/c')).toBe(true);
    expect(accepts('/a/*/c', '/a/c')).toBe(false);
  });

  it('hands each {param} its decoded segment', () => {
    expect(compilePattern('/orders/{id}/lines/{line}').match(['orders', 'caf%C3%A9', 'lines', '2'], ['orders', 'café', 'lines', '2'])).toEqual({
      id: 'café',
      line: '2',
    });
    expect(compilePattern('/caf%C3%A9').match(['caf%C3%A9'], ['café'])).toEqual({});
    expect(compilePattern('/café').match(['caf%C3%A9'], ['café'])).toEqual({});
  });

  it('treats characters regular expressions reserve as literal text', () => {
    expect(accepts('/v1.0/items(all)', '/v1.0/items(all)')).toBe(true);
    expect(accepts('/a+b', '/aab')).toBe(false);
  });

  it('matches /* against every path', () => {
    for (const request of ['/', '/x', '/x/y']) expect(accepts('/*', request), request).toBe(true);
  });
});

describe('compareSpecificity', () => {
  it('orders literal paths before {param} paths before wildcards', () => {
    const sorted = ['/orders/*', '/orders/{id}', '/orders/latest'].sort(compareSpecificity);
    expect(sorted).toEqual(['/orders/latest', '/orders/{id}', '/orders/*']);
  });

  it('orders a longer wildcard prefix before a shorter one', () => {
    expect(['/*', '/api/*', '/api/v1/*'].sort(compareSpecificity)).toEqual(['/api/v1/*', '/api/*', '/*']);
  });

  it('orders a path with fewer parameters first', () => {
    expect(['/a/{x}/{y}', '/a/b/{y}'].sort(compareSpecificity)).toEqual(['/a/b/{y}', '/a/{x}/{y}']);
  });
});
