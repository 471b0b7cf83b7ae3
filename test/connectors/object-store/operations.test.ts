import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { mule, start } from '../../helpers/app.js';
import { storeFlows } from './flows.js';

/**
 * Every operation over HTTP in a real app, on the runtime's memory stores: flows under /<prefix>/
 * for the default store (`d`) and for stores the app declares.
 */
const STORES = `
  <os:object-store name="named"/>
  <os:object-store name="brief" entryTtl="300" entryTtlUnit="MILLISECONDS"/>
  <os:object-store name="small" maxEntries="2"/>
  <os:object-store name="scratch" persistent="false"/>
  <os:config name="osConfig"><os:connection/></os:config>
  <os:object-store name="configured" config-ref="osConfig" entryTtl="1" entryTtlUnit="HOURS"/>`;

let app: TestApp;
beforeAll(async () => {
  app = await start(
    mule(
      STORES +
        storeFlows('d', '') +
        storeFlows('n', 'objectStore="named"') +
        storeFlows('b', 'objectStore="brief"') +
        storeFlows('s', 'objectStore="small"') +
        storeFlows('x', 'objectStore="scratch"') +
        storeFlows('c', 'objectStore="configured"'),
    ),
  );
});
afterAll(async () => {
  await app?.stop();
});

let n = 0;
/** A key of its own for each test (the app is shared). */
const fresh = (): string => `key-${++n}`;

async function call(method: string, path: string, body?: RequestInit['body'], type?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(app.url(path), { method, body, headers: type ? { 'content-type': type } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}
const post = (path: string, body?: RequestInit['body'], type?: string) => call('POST', path, body, type);
const get = (path: string) => call('GET', path);
const json = async (path: string): Promise<unknown> => JSON.parse((await get(path)).text) as unknown;

describe('os:store and os:retrieve', () => {
  it('stores the payload and retrieves it with its media type; the message goes on unchanged', async () => {
    const key = fresh();
    const stored = await post(`/d/store?key=${key}`, '{"order":7,"lines":[{"sku":"A","qty":2}]}', 'application/json');
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.text)).toEqual({ order: 7, lines: [{ sku: 'A', qty: 2 }] });
    const back = await get(`/d/retrieve?key=${key}`);
    expect(back.type).toMatch(/^application\/json/);
    expect(JSON.parse(back.text)).toEqual({ order: 7, lines: [{ sku: 'A', qty: 2 }] });
  });

  it('keeps the media type of text: XML stays XML, a JSON string stays JSON', async () => {
    const xml = fresh();
    await post(`/d/store?key=${xml}`, '<order id="7"/>', 'application/xml');
    expect(await get(`/d/retrieve?key=${xml}`)).toMatchObject({ text: '<order id="7"/>', type: 'application/xml' });
    const quoted = fresh();
    await post(`/d/store?key=${quoted}`, '"hello"', 'application/json');
    expect(await get(`/d/retrieve?key=${quoted}`)).toMatchObject({ text: '"hello"', type: expect.stringMatching(/^application\/json/) as unknown });
  });

  it('keeps binary as binary, byte for byte, with its media type', async () => {
    const key = fresh();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80]);
    await post(`/d/store?key=${key}`, bytes, 'image/png');
    const res = await fetch(app.url(`/d/retrieve?key=${key}`));
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('keeps numbers, booleans, nulls, strings, arrays and objects as they were', async () => {
    const key = fresh();
    await post(`/d/store-typed?key=${key}`);
    expect(await json(`/d/types?key=${key}`)).toEqual({
      value: { n: 1.5, whole: 42, flag: false, nothing: null, text: '42', list: [1, 'two', true] },
      types: { n: 'number', whole: 'number', flag: 'boolean', nothing: 'null', text: 'string', list: 'array' },
    });
  });

  it('overwrites a key by default', async () => {
    const key = fresh();
    await post(`/d/store?key=${key}`, 'first', 'text/plain');
    await post(`/d/store?key=${key}`, 'second', 'text/plain');
    expect((await get(`/d/retrieve?key=${key}`)).text).toBe('second');
  });

  it('raises OS:KEY_ALREADY_EXISTS with failIfPresent, and keeps the value it has', async () => {
    const key = fresh();
    expect((await post(`/d/store-new?key=${key}`, 'first', 'text/plain')).text).toBe('first');
    expect((await post(`/d/store-new?key=${key}`, 'second', 'text/plain')).text).toBe('OS:KEY_ALREADY_EXISTS');
    expect((await get(`/d/retrieve?key=${key}`)).text).toBe('first');
  });

  it('raises OS:NULL_VALUE for a null value, or does nothing with failOnNullValue="false"', async () => {
    const key = fresh();
    expect((await post(`/d/store-null?key=${key}&fail=true`)).text).toBe('OS:NULL_VALUE');
    expect((await post(`/d/store-null?key=${key}&fail=false`)).text).toBe('unchanged');
    expect((await get(`/d/contains?key=${key}`)).text).toBe('false');
  });

  it('raises OS:INVALID_KEY for a missing, empty or blank key', async () => {
    for (const query of ['', '?key=', '?key=%20%20']) {
      expect((await post(`/d/store${query}`, 'v', 'text/plain')).text).toBe('OS:INVALID_KEY');
      expect((await get(`/d/retrieve${query}`)).text).toBe('OS:INVALID_KEY');
      expect((await get(`/d/contains${query}`)).text).toBe('OS:INVALID_KEY');
      expect((await post(`/d/remove${query}`)).text).toBe('OS:INVALID_KEY');
    }
  });

  it('raises OS:KEY_NOT_FOUND for a missing key, or gives the default value without storing it', async () => {
    const key = fresh();
    expect((await get(`/d/retrieve?key=${key}`)).text).toBe('OS:KEY_NOT_FOUND');
    expect((await get(`/d/retrieve-or?key=${key}`)).text).toBe('fallback');
    expect((await get(`/d/contains?key=${key}`)).text).toBe('false');
    await post(`/d/store?key=${key}`, 'real', 'text/plain');
    expect((await get(`/d/retrieve-or?key=${key}`)).text).toBe('real');
  });

  it('puts the value into a target variable, leaving the payload as it was', async () => {
    const key = fresh();
    await post(`/d/store?key=${key}`, '{"a":1}', 'application/json');
    expect(await json(`/d/retrieve-target?key=${key}`)).toEqual({ payload: 'kept', found: 1 });
  });
});

describe('os:contains, os:remove, os:retrieve-all, os:retrieve-all-keys and os:clear', () => {
  it('answers whether a key holds a value', async () => {
    const key = fresh();
    expect((await get(`/n/contains?key=${key}`)).text).toBe('false');
    await post(`/n/store?key=${key}`, 'v', 'text/plain');
    expect((await get(`/n/contains?key=${key}`)).text).toBe('true');
  });

  it('removes a key, and raises OS:KEY_NOT_FOUND for one that holds nothing', async () => {
    const key = fresh();
    await post(`/n/store?key=${key}`, 'v', 'text/plain');
    expect((await post(`/n/remove?key=${key}`, 'payload', 'text/plain')).text).toBe('payload');
    expect((await get(`/n/contains?key=${key}`)).text).toBe('false');
    expect((await post(`/n/remove?key=${key}`)).text).toBe('OS:KEY_NOT_FOUND');
  });

  it('lists all entries and all keys, oldest written first, and clears them', async () => {
    await post('/c/clear');
    await post('/c/store?key=b', '{"x":[1]}', 'application/json');
    await post('/c/store?key=a', 'text', 'text/plain');
    await post('/c/store?key=c', '42', 'application/json');
    expect(await json('/c/keys')).toEqual(['b', 'a', 'c']);
    expect(await json('/c/all')).toEqual({ b: { x: [1] }, a: 'text', c: 42 });
    expect((await post('/c/clear', 'payload', 'text/plain')).text).toBe('payload');
    expect(await json('/c/keys')).toEqual([]);
    expect(await json('/c/all')).toEqual({});
  });
});

describe('object stores', () => {
  it('uses the default store when an operation names none, apart from the stores the app declares', async () => {
    const key = fresh();
    await post(`/d/store?key=${key}`, 'in default', 'text/plain');
    await post(`/n/store?key=${key}`, 'in named', 'text/plain');
    expect((await get(`/d/retrieve?key=${key}`)).text).toBe('in default');
    expect((await get(`/n/retrieve?key=${key}`)).text).toBe('in named');
    expect((await get(`/x/contains?key=${key}`)).text).toBe('false');
  });

  it('expires entries after entryTtl', async () => {
    const key = fresh();
    await post(`/b/store?key=${key}`, 'brief', 'text/plain');
    expect((await get(`/b/retrieve?key=${key}`)).text).toBe('brief');
    await sleep(500);
    expect((await get(`/b/retrieve?key=${key}`)).text).toBe('OS:KEY_NOT_FOUND');
    expect(await json('/b/keys')).not.toContain(key);
    // Written again, it lives again.
    await post(`/b/store?key=${key}`, 'again', 'text/plain');
    expect((await get(`/b/retrieve?key=${key}`)).text).toBe('again');
  });

  it('keeps at most maxEntries, evicting the oldest written', async () => {
    for (const key of ['one', 'two', 'three']) await post(`/s/store?key=${key}`, key, 'text/plain');
    expect(await json('/s/keys')).toEqual(['two', 'three']);
    expect((await get('/s/retrieve?key=one')).text).toBe('OS:KEY_NOT_FOUND');
    await post('/s/store?key=two', 'rewritten', 'text/plain');
    await post('/s/store?key=four', 'four', 'text/plain');
    expect(await json('/s/keys')).toEqual(['two', 'four']);
  });

  it('keeps a persistent="false" store working as any other', async () => {
    const key = fresh();
    await post(`/x/store?key=${key}`, '{"local":true}', 'application/json');
    expect(await json(`/x/retrieve?key=${key}`)).toEqual({ local: true });
    expect((await get(`/d/contains?key=${key}`)).text).toBe('false');
  });
});
