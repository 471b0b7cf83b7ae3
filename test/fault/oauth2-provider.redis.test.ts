import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { ownRedis } from '../helpers/redis-server.js';
import type { Call, Outcome } from './clients.js';
import { clients, eventually, summary } from './clients.js';

/*
 * docs/oauth2-provider.md, "Stores": a Redis that goes away makes the endpoints answer
 * 503 temporarily_unavailable until it is back; validate-token raises
 * OAUTH2-PROVIDER:STORE_UNAVAILABLE, which a flow maps to 503; token enforcement against the
 * app's own provider answers 503 as for an IdP that cannot say (token-enforcement.md). Nothing is
 * ever vouched for while the store cannot say, and once it is back (no restart of flowrt) what it
 * kept holds. Vitest fails the run on an unhandled rejection, which in `flowrt start` ends the
 * process: the stranger's token requests during the outage are there for that too.
 */

const SECRET = 'svc-secret-0123456789abcdef';
const FLOWS = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="READ"/></oauth2-provider:clients>
  </oauth2-provider:config>

  <flow name="guarded">
    <http:listener config-ref="listener" path="/guarded">
      <http:error-response statusCode="#[$default(vars.httpStatus, 500)]"><http:body>#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier]</http:body></http:error-response>
    </http:listener>
    <oauth2-provider:validate-token config-ref="oauth" scopes="READ"/>
    <set-payload value="secret data"/>
    <error-handler>
      <on-error-propagate type="OAUTH2-PROVIDER:TOKEN_UNAUTHORIZED"><set-variable variableName="httpStatus" value="401"/></on-error-propagate>
      <on-error-propagate type="OAUTH2-PROVIDER:STORE_UNAVAILABLE"><set-variable variableName="httpStatus" value="503"/></on-error-propagate>
    </error-handler>
  </flow>

  <!-- No error handler: Mule's default 500. -->
  <flow name="bare"><http:listener config-ref="listener" path="/bare"/><oauth2-provider:validate-token config-ref="oauth"/><set-payload value="secret data"/></flow>

  <!-- A fallback meant for a failing backend must not turn an unchecked token into a 200. -->
  <flow name="fallback">
    <http:listener config-ref="listener" path="/fallback"/>
    <oauth2-provider:validate-token config-ref="oauth"/>
    <set-payload value="secret data"/>
    <error-handler><on-error-continue type="MULE:CONNECTIVITY"><set-payload value="cached data"/></on-error-continue></error-handler>
  </flow>

  <!-- An API governed by token enforcement against the app's own provider (client provider type flowrt). -->
  <api-gateway:autodiscovery apiId="enforced-v1" flowRef="enforced"/>
  <flow name="enforced"><http:listener config-ref="listener" path="/enforced"/><set-payload value="secret data"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);
const MANAGER = `clientProviders:
  - name: self
    type: flowrt
    providerConfig: oauth
apis:
  - apiId: enforced-v1
    clientProvider: self
    policies:
      - id: openidconnect-access-token-enforcement
        config: { skipClientIdValidation: true, tokenCacheTtlSeconds: 0 }
`;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BASIC = { ...FORM, authorization: `Basic ${Buffer.from(`svc:${SECRET}`).toString('base64')}` };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let redis: OwnRedis;
let app: TestApp;
beforeAll(async () => {
  // Persistent, as a production Redis: what it acknowledged before the kill is there after it.
  redis = await ownRedis({ persist: true });
  app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER }, { props: { 'flowrt.redis.url': redis.url } });
  expect(app.diagnostics).toEqual([]);
});
afterAll(async () => {
  await app?.stop();
  await redis?.stop();
});

async function issue(): Promise<string> {
  const res = await fetch(app.url('/token'), {
    method: 'POST',
    headers: FORM,
    body: form({ grant_type: 'client_credentials', client_id: 'svc', client_secret: SECRET, scope: 'READ' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const of = (outcomes: Outcome[], call: string) => outcomes.filter((o) => o.call === call);
const statuses = (outcomes: Outcome[], call: string) => [...new Set(of(outcomes, call).map((o) => o.status))];

describe('the OAuth provider while its Redis is killed and restarted under traffic', { timeout: 60_000 }, () => {
  it('answers 503 while the store is down, never vouches for a token it cannot look up, and keeps issued and revoked tokens as they were', async () => {
    const kept = await issue();
    const revoked = await issue();
    expect((await fetch(app.url('/revoke'), { method: 'POST', headers: BASIC, body: form({ token: revoked }) })).status).toBe(200);
    const unknown = randomBytes(32).toString('base64url');

    const calls: Call[] = [
      {
        name: 'token',
        path: '/token',
        method: 'POST',
        headers: FORM,
        body: form({ grant_type: 'client_credentials', client_id: 'svc', client_secret: SECRET, scope: 'READ' }),
      },
      {
        name: 'token by a stranger',
        path: '/token',
        method: 'POST',
        headers: FORM,
        body: form({ grant_type: 'client_credentials', client_id: 'stranger', client_secret: 'x' }),
      },
      { name: 'introspect unknown', path: '/introspect', method: 'POST', headers: BASIC, body: form({ token: unknown }) },
      { name: 'introspect kept', path: '/introspect', method: 'POST', headers: BASIC, body: form({ token: kept }) },
      { name: 'guarded kept', path: '/guarded', headers: bearer(kept) },
      { name: 'guarded revoked', path: '/guarded', headers: bearer(revoked) },
      { name: 'guarded unknown', path: '/guarded', headers: bearer(unknown) },
      { name: 'bare unknown', path: '/bare', headers: bearer(unknown) },
      { name: 'fallback unknown', path: '/fallback', headers: bearer(unknown) },
      { name: 'enforced kept', path: '/enforced', headers: bearer(kept) },
      { name: 'enforced revoked', path: '/enforced', headers: bearer(revoked) },
    ];
    const traffic = clients(() => app.url(''), calls);
    try {
      traffic.phase('up');
      await traffic.until('up', 2);
      await redis.kill();
      traffic.phase('down');
      await traffic.until('down', 2);
      // Labelled before the restart: the restarted Redis may answer before restart() resolves.
      traffic.phase('restarting');
      await redis.restart();
      traffic.phase('recovering');
      await eventually(
        () => fetch(app.url('/guarded'), { headers: bearer(kept) }),
        (res) => res.status === 200,
        20_000,
        'the provider to serve again',
      );
      traffic.phase('back');
      await traffic.until('back', 2);
    } finally {
      await traffic.stop();
    }
    const all = traffic.seen();
    const [up, down, back] = ['up', 'down', 'back'].map((p) => traffic.seen(p));
    const context = JSON.stringify({ up: summary(up!), down: summary(down!), back: summary(back!) });

    // Every request answered, in every phase and transition.
    expect(
      all.filter((o) => o.status === 0),
      context,
    ).toEqual([]);
    // Fail closed, throughout: no token vouched for that is unknown or revoked, no stranger served.
    expect(
      all
        .filter((o) => o.call.includes('unknown') || o.call.includes('revoked') || o.call.includes('stranger'))
        .filter((o) => o.status === 200 && o.call !== 'introspect unknown'),
      context,
    ).toEqual([]);
    expect(of(all, 'introspect unknown').filter((o) => o.body.includes('"active":true'))).toEqual([]);

    // Up, and back after the outage: the same answers (the kept token still valid, the revoked one still revoked).
    for (const phase of [up!, back!]) {
      expect(statuses(phase, 'token'), context).toEqual([200]);
      expect(statuses(phase, 'token by a stranger'), context).toEqual([401]);
      expect(of(phase, 'introspect unknown').map((o) => JSON.parse(o.body))).toEqual(of(phase, 'introspect unknown').map(() => ({ active: false })));
      expect(
        of(phase, 'introspect kept').every((o) => o.status === 200 && JSON.parse(o.body).active === true),
        context,
      ).toBe(true);
      expect(statuses(phase, 'guarded kept'), context).toEqual([200]);
      expect(statuses(phase, 'guarded revoked'), context).toEqual([401]);
      expect(statuses(phase, 'guarded unknown'), context).toEqual([401]);
      expect(statuses(phase, 'enforced kept'), context).toEqual([200]);
      expect(statuses(phase, 'enforced revoked'), context).toEqual([401]);
    }

    // Down: the endpoints answer RFC 6749 §5.2-style 503 temporarily_unavailable, not to be cached.
    for (const call of ['token', 'token by a stranger', 'introspect unknown', 'introspect kept']) {
      for (const o of of(down!, call)) {
        expect(o.status, `${call}: ${o.body}`).toBe(503);
        expect(JSON.parse(o.body)).toMatchObject({ error: 'temporarily_unavailable' });
        expect(o.headers['cache-control']).toBe('no-store');
      }
    }
    // Down: validate-token raises OAUTH2-PROVIDER:STORE_UNAVAILABLE, which the flow maps to 503;
    // unmapped it is Mule's default 500; a MULE:CONNECTIVITY fallback does not catch it.
    for (const call of ['guarded kept', 'guarded revoked', 'guarded unknown']) {
      expect(
        of(down!, call).map((o) => `${o.status} ${o.body}`),
        context,
      ).toEqual(of(down!, call).map(() => '503 OAUTH2-PROVIDER:STORE_UNAVAILABLE'));
    }
    expect(statuses(down!, 'bare unknown'), context).toEqual([500]);
    expect(statuses(down!, 'fallback unknown'), context).toEqual([500]);
    // Token enforcement asks the provider in process: the store away is the IdP unavailable, 503 (token-enforcement.md).
    for (const call of ['enforced kept', 'enforced revoked']) {
      for (const o of of(down!, call)) {
        expect(`${o.status} ${o.body}`, context).toBe('503 {"error":"temporarily_unavailable","error_description":"the token cannot be checked now"}');
        expect(o.headers['retry-after']).toBe('5');
      }
    }
  });
});

describe('examples/oauth-provider while its Redis is down', { timeout: 60_000 }, () => {
  it('answers its API 503 temporarily_unavailable, as its error handler maps OAUTH2-PROVIDER:STORE_UNAVAILABLE', async () => {
    const started = await startRuntime({
      dir: 'examples/oauth-provider',
      props: { 'http.port': '0', 'http.host': '127.0.0.1', 'flowrt.redis.url': redis.url },
      log: createLogger('silent'),
      environment: {},
    });
    const runtime = started.runtime!;
    try {
      const base = `http://127.0.0.1:${runtime.running.portOf('listener')}`;
      const billing = `Basic ${Buffer.from('billing:billing-secret-change-me-0123456789').toString('base64')}`;
      const issued = await fetch(`${base}/token`, { method: 'POST', headers: { ...FORM, authorization: billing }, body: 'grant_type=client_credentials' });
      const { access_token } = (await issued.json()) as { access_token: string };
      await redis.kill();
      const refused = await fetch(`${base}/api/orders`, { headers: bearer(access_token) });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ error: 'temporarily_unavailable', detail: 'try again later' });
      await redis.restart();
      const served = await eventually(
        () => fetch(`${base}/api/orders`, { headers: bearer(access_token) }),
        (res) => res.status === 200,
        20_000,
        'the example to serve again',
      );
      expect(await served.json()).toEqual({ orders: [], client: 'billing', user: null });
    } finally {
      await runtime.stop();
    }
  });
});
