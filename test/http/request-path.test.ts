import { describe, expect, it } from 'vitest';
import { canonicalPath, encodeSegment } from '../../src/http/request-path.js';

describe('canonicalPath', () => {
  it('leaves an already canonical path as it is, for routing and for reading', () => {
    expect(canonicalPath('/api/orders/7?x=1')).toEqual({ decoded: '/api/orders/7', routing: '/api/orders/7' });
    expect(canonicalPath('/')).toEqual({ decoded: '/', routing: '/' });
    expect(canonicalPath('/a:b/c@d/e,f=g+h')).toEqual({ decoded: '/a:b/c@d/e,f=g+h', routing: '/a:b/c@d/e,f=g+h' });
  });

  it('merges slashes, drops a trailing one and resolves dot segments, encoded or not', () => {
    expect(canonicalPath('//api///orders/')).toEqual({ decoded: '/api/orders', routing: '/api/orders' });
    expect(canonicalPath('/api/./x/../orders')).toEqual({ decoded: '/api/orders', routing: '/api/orders' });
    expect(canonicalPath('/api/x/%2E%2e/orders/%2e')).toEqual({ decoded: '/api/orders', routing: '/api/orders' });
    expect(canonicalPath('/api/..')).toEqual({ decoded: '/', routing: '/' });
  });

  it('cuts ;parameters from every segment', () => {
    expect(canonicalPath('/api;v=1/orders;jsessionid=x/7;')).toEqual({ decoded: '/api/orders/7', routing: '/api/orders/7' });
    expect(canonicalPath('/api/x/..;/orders')).toEqual({ decoded: '/api/orders', routing: '/api/orders' });
  });

  it('decodes once, and routes by one encoding of the decoded text', () => {
    expect(canonicalPath('/users/J%c3%bcrgen%20K')).toEqual({ decoded: '/users/Jürgen K', routing: '/users/J%C3%BCrgen%20K' });
    expect(canonicalPath('/%61pi/%2541')).toEqual({ decoded: '/api/%41', routing: '/api/%2541' });
  });

  it('keeps case', () => {
    expect(canonicalPath('/API/Orders')).toEqual({ decoded: '/API/Orders', routing: '/API/Orders' });
  });

  it('takes the path of an absolute-form target', () => {
    expect(canonicalPath('http://example.com:8081/api//orders?x')).toEqual({ decoded: '/api/orders', routing: '/api/orders' });
    expect(canonicalPath('http://example.com')).toEqual({ decoded: '/', routing: '/' });
  });

  it.each([
    ['/api/a%2Fb', 'encoded /'],
    ['/api/a%5cb', 'encoded /'],
    ['/api/a%3Bb', 'encoded /'],
    ['/api/a%00b', 'control'],
    ['/api/a%1fb', 'control'],
    ['/api/a\\b', 'backslash'],
    ['/api/%zz', 'malformed'],
    ['/api/%C3%28', 'malformed'],
    ['/..', 'climbs'],
    ['/a/../..', 'climbs'],
    ['*', 'not a path'],
    ['ftp://x/y', 'not a path'],
  ])('refuses %s (%s)', (target, why) => {
    const outcome = canonicalPath(target);
    expect('problem' in outcome && outcome.problem).toContain(why);
  });
});

describe('encodeSegment', () => {
  it('escapes what is not a pchar, with upper-case hex, and keeps sub-delims but ;', () => {
    expect(encodeSegment('a b/c;d?e#f%g')).toBe('a%20b%2Fc%3Bd%3Fe%23f%25g');
    expect(encodeSegment("$&+,=:@!'()*~-._")).toBe("$&+,=:@!'()*~-._");
  });
});
