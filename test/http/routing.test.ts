import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A flow on `path` that answers its own name, so a test can see which listener took a request. */
function answering(name: string, path: string, attrs = ''): string {
  return `<flow name="${name}"><http:listener config-ref="listener" path="${path}" ${attrs}/><set-payload value="${name}"/></flow>`;
}

/** A listener config named "listener" with a basePath, on an ephemeral port. */
function withBasePath(basePath: string, body: string): string {
  return mule(
    `<http:listener-config name="listener" basePath="${basePath}"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>\n${body}`,
    { listener: false },
  );
}

async function get(path: string, init?: RequestInit): Promise<{ status: number; body: string; res: Response }> {
  const res = await fetch(app!.url(path), init);
  return { status: res.status, body: await res.text(), res };
}

describe('http:listener routing', () => {
  it('binds a {param} segment to uriParams', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/orders/{id}/items/{item}"/>
      <set-payload value="#[attributes.uriParams.id &amp; '/' &amp; attributes.uriParams.item]"/></flow>`),
    );
    expect(await get('/orders/42/items/7')).toMatchObject({ status: 200, body: '42/7' });
  });

  it('decodes percent-encoded uri parameters', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/users/{name}"/>
      <set-payload value="#[attributes.uriParams.name]"/></flow>`),
    );
    expect((await get('/users/J%C3%BCrgen%20K')).body).toBe('Jürgen K');
  });

  it('does not let a {param} match more than one segment', async () => {
    app = await start(mule(answering('one', '/orders/{id}')));
    expect((await get('/orders/1/2')).status).toBe(404);
  });

  it('matches anything below a trailing * wildcard', async () => {
    app = await start(mule(answering('wild', '/files/*')));
    expect(await get('/files/a')).toMatchObject({ status: 200, body: 'wild' });
    expect(await get('/files/a/b/c.txt')).toMatchObject({ status: 200, body: 'wild' });
  });

  it('lets /api/* also answer /api itself', async () => {
    app = await start(mule(answering('api', '/api/*')));
    expect(await get('/api')).toMatchObject({ status: 200, body: 'api' });
  });

  it('matches exactly one segment with a * in the middle of a path', async () => {
    app = await start(mule(answering('mid', '/a/*/c')));
    expect(await get('/a/anything/c')).toMatchObject({ status: 200, body: 'mid' });
    expect((await get('/a/x/y/c')).status).toBe(404);
  });

  it("answers 404 with Mule's message when no listener matches the path", async () => {
    app = await start(mule(answering('f', '/known')));
    const { status, body, res } = await get('/unknown/path?x=1');
    expect(status).toBe(404);
    expect(body).toBe('No listener for endpoint: /unknown/path');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers 405 with Allow when the path matches but the method does not', async () => {
    app = await start(mule(answering('f', '/items', 'allowedMethods="GET,POST"')));
    const { status, res } = await get('/items', { method: 'DELETE' });
    expect(status).toBe(405);
    const allow = (res.headers.get('allow') ?? '').split(',').map((m) => m.trim());
    expect(allow).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(allow).not.toContain('DELETE');
  });

  it('accepts the methods allowedMethods lists, case-insensitively and with spaces', async () => {
    app = await start(mule(answering('f', '/items', 'allowedMethods="get, put"')));
    expect((await get('/items', { method: 'PUT' })).status).toBe(200);
    expect((await get('/items')).status).toBe(200);
    expect((await get('/items', { method: 'POST' })).status).toBe(405);
  });

  it('sends each method to the listener that allows it on a shared path', async () => {
    app = await start(mule(answering('reader', '/items', 'allowedMethods="GET"') + answering('writer', '/items', 'allowedMethods="POST"')));
    expect((await get('/items')).body).toBe('reader');
    expect((await get('/items', { method: 'POST' })).body).toBe('writer');
    const rejected = await get('/items', { method: 'PATCH' });
    expect(rejected.status).toBe(405);
    expect(rejected.res.headers.get('allow')).toMatch(/GET/);
    expect(rejected.res.headers.get('allow')).toMatch(/POST/);
  });

  it('accepts any method when allowedMethods is absent', async () => {
    app = await start(mule(answering('any', '/any')));
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await get('/any', { method })).body).toBe('any');
    }
  });

  it('prefers /orders/latest over /orders/{id} over /orders/*, whatever the declaration order', async () => {
    app = await start(mule(answering('wild', '/orders/*') + answering('param', '/orders/{id}') + answering('literal', '/orders/latest')));
    expect((await get('/orders/latest')).body).toBe('literal');
    expect((await get('/orders/17')).body).toBe('param');
    expect((await get('/orders/17/lines')).body).toBe('wild');
  });

  it('prefers a longer wildcard prefix over a shorter one', async () => {
    app = await start(mule(answering('root', '/*') + answering('api', '/api/*')));
    expect((await get('/api/x')).body).toBe('api');
    expect((await get('/other')).body).toBe('root');
  });

  it('falls back to a less specific listener that allows the method', async () => {
    app = await start(mule(answering('param', '/orders/{id}', 'allowedMethods="GET"') + answering('wild', '/orders/*', 'allowedMethods="POST"')));
    expect((await get('/orders/5')).body).toBe('param');
    expect((await get('/orders/5', { method: 'POST' })).body).toBe('wild');
  });

  it("serves listener paths under the config's basePath only", async () => {
    app = await start(withBasePath('/api', answering('orders', '/orders')));
    expect(await get('/api/orders')).toMatchObject({ status: 200, body: 'orders' });
    expect((await get('/orders')).status).toBe(404);
  });

  it('joins a basePath written without slashes', async () => {
    app = await start(withBasePath('api/v1', answering('orders', 'orders/{id}')));
    expect(await get('/api/v1/orders/3')).toMatchObject({ status: 200, body: 'orders' });
  });
});

describe('several listener configs', () => {
  it('listen on one port each, each with its own routes', async () => {
    app = await start(
      mule(`<http:listener-config name="admin"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>
      ${answering('public', '/status')}
      <flow name="private"><http:listener config-ref="admin" path="/status"/><set-payload value="private"/></flow>`),
    );
    expect(app.running.portOf('admin')).not.toBe(app.running.portOf('listener'));
    expect(await (await fetch(app.url('/status'))).text()).toBe('public');
    expect(await (await fetch(app.url('/status', 'admin'))).text()).toBe('private');
  });

  it('share one server when they name the same host and port, kept apart by basePath', async () => {
    const probe = await start(mule('<flow name="x"><http:listener config-ref="listener" path="/"/></flow>'));
    const port = probe.running.portOf('listener')!;
    await probe.stop();
    app = await start(
      mule(
        `<http:listener-config name="v1" basePath="/v1"><http:listener-connection host="127.0.0.1" port="${port}"/></http:listener-config>
      <http:listener-config name="v2" basePath="/v2"><http:listener-connection host="127.0.0.1" port="${port}"/></http:listener-config>
      <flow name="one"><http:listener config-ref="v1" path="/x"/><set-payload value="one"/></flow>
      <flow name="two"><http:listener config-ref="v2" path="/x"/><set-payload value="two"/></flow>`,
        { listener: false },
      ),
    );
    expect(await (await fetch(`http://127.0.0.1:${port}/v1/x`)).text()).toBe('one');
    expect(await (await fetch(`http://127.0.0.1:${port}/v2/x`)).text()).toBe('two');
  });
});
