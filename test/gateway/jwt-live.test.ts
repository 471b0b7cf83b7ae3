import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { keyPair, sign } from '../policies/jwt-validation/harness.js';
import { jwksServer } from '../policies/jwt-validation/harness.js';

let app: TestApp | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const close of closers.splice(0)) await close();
});

const flows = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/>
    <logger message="flow reached"/>
    <set-payload value="#[{'sub': vars.claimSet.sub, 'user': attributes.headers.\`x-user\`}]"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);

const jwtPolicy = (config: string) => `apis:\n  - apiId: orders-v1\n    policies:\n      - id: jwt-validation\n        config:\n${config}`;

describe('jwt-validation in front of a flow', () => {
  it('lets a valid token through with its claims, and keeps a forged one from ever reaching the flow', async () => {
    const k = await keyPair('RS256');
    const pem = k.publicPem
      .trim()
      .split('\n')
      .map((l) => `            ${l}`)
      .join('\n');
    app = await start({
      'flows/app.xml': flows,
      'api-manager.yaml': jwtPolicy(
        `          signingMethod: rsa\n          textKey: |\n${pem}\n          claimsToHeaders: [{ claimName: sub, headerName: x-user }]\n`,
      ),
    });
    const ok = await fetch(app.url('/orders/1'), { headers: { authorization: `Bearer ${await sign(k)}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sub: 'ann', user: 'ann' });

    const other = await keyPair('RS256');
    const before = app.logs.filter((l) => l.msg === 'flow reached').length;
    const forged = await fetch(app.url('/orders/1'), {
      method: 'POST',
      headers: { authorization: `Bearer ${await sign(other)}`, 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await forged.json()).toEqual({ error: 'invalid_token', error_description: 'invalid signature' });
    expect(app.logs.filter((l) => l.msg === 'flow reached').length).toBe(before);
  });

  it('takes effect, changes and goes away live while requests keep running, without a failed request', async () => {
    const secret = 'live-edit-secret-of-32-bytes-long!!';
    app = await start({ 'flows/app.xml': flows, 'api-manager.yaml': 'apis:\n  - apiId: orders-v1\n' });
    const file = join(app.dir, 'api-manager.yaml');
    const statuses: number[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const res = await fetch(app!.url('/orders/1'));
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    })();
    const waitFor = async (status: number) => {
      const started = Date.now();
      while (Date.now() - started < 4000) {
        if (statuses.at(-1) === status) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`never saw ${status}`);
    };
    await waitFor(200);
    await writeFile(file, jwtPolicy(`          signingMethod: hmac\n          textKey: ${secret}\n`));
    await waitFor(401);
    await writeFile(
      file,
      jwtPolicy(
        `          signingMethod: hmac\n          textKey: ${secret}\n          jwtOrigin: customExpression\n          jwtExpression: "#[attributes.queryParams.token]"\n`,
      ),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const token = await sign(new TextEncoder().encode(secret));
    expect((await fetch(app.url(`/orders/1?token=${token}`))).status).toBe(200);
    await writeFile(file, 'apis:\n  - apiId: orders-v1\n');
    await waitFor(200);
    running = false;
    await load;
    expect(statuses.every((s) => s === 200 || s === 401)).toBe(true);
  });

  it('follows a JWKS key rotation', async () => {
    const first = await keyPair('ES256', 'k1');
    const second = await keyPair('ES256', 'k2');
    const jwks = await jwksServer([first.jwk]);
    closers.push(() => jwks.close());
    app = await start({
      'flows/app.xml': flows,
      'api-manager.yaml': jwtPolicy(`          signingMethod: es\n          jwtKeyOrigin: jwks\n          jwksUrl: ${jwks.url}\n`),
    });
    expect((await fetch(app.url('/orders/1'), { headers: { authorization: `Bearer ${await sign(first)}` } })).status).toBe(200);
    jwks.keys = [second.jwk];
    const res = await fetch(app.url('/orders/1'), { headers: { authorization: `Bearer ${await sign(second)}` } });
    expect(res.status).toBe(200);
    expect(jwks.fetches()).toBe(2);
    expect((await fetch(app.url('/orders/1'), { headers: { authorization: `Bearer ${await sign(first)}` } })).status).toBe(401);
  });
});

describe('API-wide settings', () => {
  const based = mule(`<http:listener-config name="api" basePath="/api"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>
    <api-gateway:autodiscovery apiId="orders-v1" flowRef="orders" ignoreBasePath="true"/>
    <flow name="orders"><http:listener config-ref="api" path="/orders/*"/><set-payload value="open"/></flow>`).replace(
    '<mule ',
    '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
  );
  const policy = (extra = '') =>
    `${extra}apis:\n  - apiId: orders-v1\n    policies:\n      - id: jwt-validation\n        config: { signingMethod: hmac, textKey: a-secret-that-is-long-enough-32b }\n        pointcut: [{ uriTemplateRegex: "/orders/private.*" }]\n`;

  it('matches pointcuts against the path below basePath when autodiscovery says ignoreBasePath', async () => {
    app = await start({ 'flows/app.xml': based, 'api-manager.yaml': policy() });
    expect((await fetch(app.url('/api/orders/public', 'api'))).status).toBe(200);
    expect((await fetch(app.url('/api/orders/private/1', 'api'))).status).toBe(401);
  });

  it("answers a missing token with Anypoint's 400 when anypointCompat is set", async () => {
    app = await start({ 'flows/app.xml': based, 'api-manager.yaml': policy('anypointCompat: true\n') });
    expect((await fetch(app.url('/api/orders/private/1', 'api'))).status).toBe(400);
  });
});
