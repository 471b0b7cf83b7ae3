import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminServer } from '../../src/deploy/admin-server.js';
import { createLogger } from '../../src/deploy/logger.js';
import { jsonBody } from '../../src/gateway/json-body.js';

const TOKEN = 'admin-server-test-token-0123456789';

describe('AdminServer', () => {
  let admin: AdminServer;
  let base: string;
  beforeAll(async () => {
    admin = new AdminServer({ port: 0, token: TOKEN, log: createLogger('silent') });
    admin.router.get('/things/:id', (ctx) => {
      ctx.body = { id: ctx.params.id };
    });
    admin.router.put('/things/:id', jsonBody, (ctx) => {
      ctx.body = { id: ctx.params.id, got: (ctx.request as { body?: unknown }).body ?? null };
    });
    admin.router.delete('/things/:id', (ctx) => {
      ctx.status = 204;
    });
    base = `http://127.0.0.1:${await admin.start()}`;
  });
  afterAll(async () => {
    await admin.stop();
  });

  const call = async (method: string, path: string, { body, type, token = TOKEN }: { body?: string; type?: string; token?: string } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (type) headers['content-type'] = type;
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : new Blob([body]) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };

  it('answers an unknown route 404 with a JSON error, not 200', async () => {
    const res = await call('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body).toEqual({ error: 'not_found', error_description: 'no admin route GET /nowhere' });
  });

  it('answers a method the route lacks 405 with Allow and a JSON error', async () => {
    const res = await call('POST', '/things/1', { body: '{}', type: 'application/json' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toMatch(/GET.*PUT.*DELETE|GET.*DELETE.*PUT/);
    expect(res.body).toMatchObject({ error: 'method_not_allowed' });
  });

  it('answers a method no route has 501 with a JSON error', async () => {
    const res = await call('PURGE', '/things/1');
    expect(res.status).toBe(501);
    expect(res.body).toMatchObject({ error: 'not_implemented' });
  });

  it('asks for the token before anything else, on unknown routes too', async () => {
    expect((await call('GET', '/nowhere', { token: 'wrong' })).status).toBe(401);
    expect((await call('PUT', '/things/1', { body: 'x', type: 'text/plain', token: 'wrong' })).status).toBe(401);
  });

  it('reads a JSON body on a JSON route, also one sent without Content-Type', async () => {
    expect((await call('PUT', '/things/1', { body: '{"a":1}', type: 'application/json; charset=utf-8' })).body).toEqual({ id: '1', got: { a: 1 } });
    expect((await call('PUT', '/things/2', { body: '{"a":2}' })).body).toEqual({ id: '2', got: { a: 2 } });
    expect((await call('PUT', '/things/3')).body).toEqual({ id: '3', got: null });
  });

  it('answers a JSON route 415 for another content type, 400 for JSON that is not, 413 past 1 MiB', async () => {
    const plain = await call('PUT', '/things/1', { body: '{"a":1}', type: 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.body).toEqual({
      error: 'unsupported_media_type',
      error_description: 'this route takes JSON: send Content-Type application/json, not text/plain',
    });
    expect((await call('PUT', '/things/1', { body: 'x', type: 'application/gzip' })).status).toBe(415);
    expect((await call('PUT', '/things/1', { body: '{nope', type: 'application/json' })).body).toMatchObject({ error: 'invalid_request' });
    const big = await call('PUT', '/things/1', { body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), type: 'application/json' });
    expect(big.status).toBe(413);
  });

  it('keeps the statuses routes set themselves', async () => {
    expect((await call('GET', '/things/7')).body).toEqual({ id: '7' });
    expect((await call('DELETE', '/things/7')).status).toBe(204);
  });
});
