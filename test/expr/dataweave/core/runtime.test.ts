import { describe, expect, it, vi } from 'vitest';
import { fakeContext, withContext, dw } from './support.js';

// read/write/readUrl hand over to formats/, now to temporal/: what they are given is what matters here.
vi.mock('../../../../src/expr/dataweave/formats/index.js', () => ({
  readValue: vi.fn((content: unknown, mime: string, props: object) => ({
    read: typeof content === 'string' ? content : new TextDecoder().decode(content as Uint8Array),
    mime,
    props,
  })),
  writeValue: vi.fn((value: unknown, mime: string, props: object) => {
    if (mime === 'application/dw' && Object.keys(props).length === 0 && typeof value === 'object' && value !== null && 'noWriter' in value)
      throw new Error('boom');
    return `${mime}:${JSON.stringify(value)}:${JSON.stringify(props)}`;
  }),
}));
vi.mock('../../../../src/expr/dataweave/temporal/index.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  now: () => 'NOW',
}));

describe('typeOf', () => {
  it('names the type', () => {
    expect([dw('typeOf', 'A b'), dw('typeOf', [1, 2]), dw('typeOf', 34), dw('typeOf', true), dw('typeOf', { a: 5 }), dw('typeOf', null)]).toEqual([
      'String',
      'Array',
      'Number',
      'Boolean',
      'Object',
      'Null',
    ]);
    expect(dw('typeOf', () => 1)).toBe('Function');
  });
});

describe('log and its levels', () => {
  it('writes prefix - value and answers the value', () => {
    const ctx = fakeContext();
    const user = { friend: { name: 'Shoki' }, id: 1 };
    withContext(ctx, () => {
      expect(dw('log', 'WARNING', 'Houston, we have a problem.')).toBe('Houston, we have a problem.');
      expect(dw('log', 'User', user)).toBe(user);
      expect(dw('log', 42)).toBe(42);
      expect(dw('logInfo', 'info', 1)).toBe(1);
      expect(dw('logWith', 'DEBUG', 'dbg', 2)).toBe(2);
    });
    expect(ctx.logs).toEqual([
      'WARNING - application/dw:"Houston, we have a problem.":{}',
      'User - application/dw:{"friend":{"name":"Shoki"},"id":1}:{}',
      'application/dw:42:{}',
      'info - application/dw:1:{}',
      'dbg - application/dw:2:{}',
    ]);
  });
  it('falls back to a one-line literal when there is no application/dw writer', () => {
    const ctx = fakeContext();
    withContext(ctx, () => dw('log', 'p', { noWriter: [1, 'a'] }));
    expect(ctx.logs).toEqual(['p - {noWriter: [1, "a"]}']);
  });
  it('needs a running script', () => {
    expect(() => dw('log', 'x', 1)).toThrow('needs a running script');
  });
});

describe('uuid and now', () => {
  it('makes v4 UUIDs', () => {
    const a = dw('uuid') as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(dw('uuid')).not.toBe(a);
  });
  it('asks temporal/ for now', () => {
    expect(dw('now')).toBe('NOW');
  });
});

describe('read, write, readUrl', () => {
  it('read with application/dw by default, or the MIME type and properties given', () => {
    expect(dw('read', '{a: 1}')).toEqual({ read: '{a: 1}', mime: 'application/dw', props: {} });
    expect(dw('read', 'a;b', 'application/csv', { separator: ';' })).toEqual({ read: 'a;b', mime: 'application/csv', props: { separator: ';' } });
    expect(dw('read', new TextEncoder().encode('[1]'), 'application/json')).toEqual({ read: '[1]', mime: 'application/json', props: {} });
    expect(dw('read', null)).toBeNull();
  });
  it('write with application/dw by default', () => {
    expect(dw('write', { a: 1 })).toBe('application/dw:{"a":1}:{}');
    expect(dw('write', [1], 'application/json', { indent: false })).toBe('application/json:[1]:{"indent":false}');
  });
  it('readUrl reads the app files under classpath://', () => {
    const ctx = fakeContext({ 'data/x.json': '{"a": 1}' });
    withContext(ctx, () => {
      expect(dw('readUrl', 'classpath://data/x.json', 'application/json')).toEqual({ read: '{"a": 1}', mime: 'application/json', props: {} });
      expect(() => dw('readUrl', 'classpath://nope.json')).toThrow("readUrl: the app has no file 'nope.json'");
      expect(() => dw('readUrl', 'https://example.com/x.json')).toThrow('readUrl supports classpath:// only in flowrt');
    });
  });
});

describe('then and onNull', () => {
  it('then passes a value on unless it is null', () => {
    expect(dw('then', 'marianodeAchaval', (s: string) => s.length)).toBe(16);
    expect(dw('then', ['MARIANO', 'DE ACHAVAL'], (a: string[]) => ({ name: a[0], lastName: a[1], length: a.length }))).toEqual({
      name: 'MARIANO',
      lastName: 'DE ACHAVAL',
      length: 2,
    });
    expect(dw('then', null, () => 1)).toBeNull();
  });
  it('onNull replaces a null with the callback or the value given', () => {
    expect(dw('onNull', null, () => 'Empty Text')).toBe('Empty Text');
    expect(dw('onNull', null, 'Empty Text')).toBe('Empty Text');
    expect(dw('onNull', 3, () => 'Empty Text')).toBe(3);
    expect(
      dw(
        'onNull',
        dw(
          'then',
          dw('reduce', [], (i: string, a: string) => i + a),
          (r: string) => r.length,
        ),
        () => 'Empty Text',
      ),
    ).toBe('Empty Text');
  });
});

describe('evaluateCompatibilityFlag', () => {
  it('reads every flag as unset', () => {
    expect(dw('evaluateCompatibilityFlag', 'com.mulesoft.dw.anything')).toBe(false);
  });
});
