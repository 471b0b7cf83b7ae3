import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { EARLY_CLOSE_BOUND } from '../helpers/big-body.js';
import type { Idp } from '../helpers/idp.js';
import { GATEWAY_CLIENT, ORDERS_CLIENT, startIdp } from '../helpers/idp.js';
import type { Call, Outcome } from './clients.js';
import { clients, eventually, summary } from './clients.js';
import type { Fault, FaultyIdp } from './faulty-idp.js';
import { faultyIdp, PLANTED_SECRET } from './faulty-idp.js';

/*
 * An external IdP (oidc-provider) behind peers that fail in every way an IdP does, in front of
 * jwt-validation (its JWKS), the token-enforcement policies (its introspection endpoint: as
 * oauth2-access-token-enforcement's tokenUrl, and as a client provider's introspectionUrl for
 * openidconnect-access-token-enforcement) and a client provider's discovery. What the docs promise
 * (docs/policies/jwt-validation.md, token-enforcement.md, api-manager.md "Size limits"):
 * never 200 for a token that cannot be verified (503 while the IdP cannot say, 401 for a token
 * that is bad), the last good key set and discovery document keep serving, recovery without a
 * restart once the IdP is back, and APIs that do not need the IdP are not affected.
 */

const JWKS_FAULTS: readonly Fault[] = ['refused', 'slow', 'html', 'invalid-json', 'no-keys', 'wrong-kty', 'huge', 'huge-declared'];
const INTROSPECTION_FAULTS: readonly Fault[] = ['refused', 'slow', 'html', 'invalid-json', 'no-active', 'huge', 'huge-declared'];
const DISCOVERY_FAULTS: readonly Fault[] = ['refused', 'slow', 'html', 'huge'];

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const api = (id: string) => `<api-gateway:autodiscovery apiId="${id}" flowRef="${id}"/>
  <flow name="${id}"><http:listener config-ref="listener" path="/${id}/*"/><set-payload value="served"/></flow>`;
const ids = (prefix: string, faults: readonly Fault[]) => faults.map((f) => `${prefix}-${f}`);
const FLOWS = mule(
  [
    ...ids('jwt', JWKS_FAULTS).map(api),
    ...ids('introspect', INTROSPECTION_FAULTS).map(api),
    ...ids('provider', INTROSPECTION_FAULTS).map(api),
    ...ids('discover', DISCOVERY_FAULTS).map(api),
    // Needs no IdP: must answer whatever the IdP does.
    `<flow name="open"><http:listener config-ref="listener" path="/open"/><set-payload value="served"/></flow>`,
  ].join('\n'),
).replace('<mule ', `<mule ${NS} `);

/** The IdP's peers never answer within this; every call to them gives up after it. */
const TIMEOUT_MS = 1_000;

function manager(idp: Idp, peers: ReadonlyMap<string, FaultyIdp>): string {
  const peer = (id: string) => peers.get(id)!.origin;
  const jwt = ids('jwt', JWKS_FAULTS).map(
    (id) => `  - apiId: ${id}
    policies:
      - id: jwt-validation
        config: ${JSON.stringify({ signingMethod: 'rsa', signingKeyLength: 256, jwtKeyOrigin: 'jwks', jwksUrl: `${peer(id)}/jwks`, jwksServiceConnectionTimeout: TIMEOUT_MS })}`,
  );
  const introspection = ids('introspect', INTROSPECTION_FAULTS).map(
    (id) => `  - apiId: ${id}
    policies:
      - id: oauth2-access-token-enforcement
        config: ${JSON.stringify({ tokenUrl: `${peer(id)}/token/introspection`, introspectionClientId: GATEWAY_CLIENT.id, introspectionClientSecret: GATEWAY_CLIENT.secret, skipClientIdValidation: true, tokenCacheTtlSeconds: 0, authenticationTimeout: TIMEOUT_MS })}`,
  );
  const viaProvider = ids('provider', INTROSPECTION_FAULTS).map(
    (id) => `  - apiId: ${id}
    clientProvider: ${id}
    policies:
      - id: openidconnect-access-token-enforcement
        config: ${JSON.stringify({ skipClientIdValidation: true, tokenCacheTtlSeconds: 0, authenticationTimeout: TIMEOUT_MS * 3 })}`,
  );
  const discovery = ids('discover', DISCOVERY_FAULTS).map(
    (id) => `  - apiId: ${id}
    clientProvider: ${id}
    policies:
      - id: openidconnect-access-token-enforcement
        config: ${JSON.stringify({ skipClientIdValidation: true, tokenCacheTtlSeconds: 0, authenticationTimeout: TIMEOUT_MS * 3 })}`,
  );
  const credentials = `introspectionClientId: ${GATEWAY_CLIENT.id}
    introspectionClientSecret: ${GATEWAY_CLIENT.secret}
    timeoutMs: ${TIMEOUT_MS}`;
  const providers = [
    // Explicit endpoints: introspection does not wait for discovery, and goes through the peer.
    ...ids('provider', INTROSPECTION_FAULTS).map(
      (id) => `  - name: ${id}\n    type: openid-connect\n    issuer: ${idp.issuer}\n    introspectionUrl: ${peer(id)}/token/introspection\n    ${credentials}`,
    ),
    ...ids('discover', DISCOVERY_FAULTS).map(
      (id) => `  - name: ${id}\n    type: openid-connect\n    discoveryUrl: ${peer(id)}/.well-known/openid-configuration\n    ${credentials}`,
    ),
  ];
  return `clientProviders:\n${providers.join('\n')}\napis:\n${[...jwt, ...introspection, ...viaProvider, ...discovery].join('\n')}\n`;
}

let idp: Idp;
let app: TestApp;
const peers = new Map<string, FaultyIdp>();
const faultOf = (id: string) => id.slice(id.indexOf('-') + 1) as Fault;

beforeAll(async () => {
  idp = await startIdp();
  const kid = idp.jwks.keys[0]!.kid!;
  for (const id of [
    ...ids('jwt', JWKS_FAULTS),
    ...ids('introspect', INTROSPECTION_FAULTS),
    ...ids('provider', INTROSPECTION_FAULTS),
    ...ids('discover', DISCOVERY_FAULTS),
  ]) {
    peers.set(id, await faultyIdp(idp.issuer, { kid, slowMs: TIMEOUT_MS * 4, fault: faultOf(id) }));
  }
  app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': manager(idp, peers) });
  expect(app.diagnostics).toEqual([]);
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([...peers.values()].map((p) => p.close()));
  await idp?.stop();
});

const jwtToken = async () => (await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read', resource: idp.resource })).access_token;
const opaqueToken = async () => (await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' })).access_token;

/** Tokens no policy may ever let through: signed with a key that is not the IdP's, with the planted HMAC secret, or not at all. */
async function forgeries(kid: string): Promise<Record<string, string>> {
  const { privateKey } = await generateKeyPair('RS256');
  const claims = { sub: 'admin', client_id: ORDERS_CLIENT.id, scope: 'orders:read', iss: idp.issuer, aud: idp.resource };
  const sign = (header: { alg: string; kid?: string }, key: Parameters<SignJWT['sign']>[0]) =>
    new SignJWT(claims).setProtectedHeader(header).setIssuedAt().setExpirationTime('5m').sign(key);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    'another key, the IdP kid': await sign({ alg: 'RS256', kid }, privateKey),
    'another key, unknown kid': await sign({ alg: 'RS256', kid: randomUUID() }, privateKey),
    'the planted HMAC secret': await sign({ alg: 'HS256', kid }, PLANTED_SECRET),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'not a token': 'not-a-token',
  };
}

async function call(path: string, token: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(app.url(path), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

const setAll = (prefix: string, fault: (id: string) => Fault) =>
  Promise.all([...peers].filter(([id]) => id.startsWith(`${prefix}-`)).map(([id, p]) => p.set(fault(id))));
const UNAVAILABLE = JSON.stringify({ error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' });
const never200 = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === 200);
const of = (outcomes: Outcome[], call: string) => outcomes.filter((o) => o.call === call);

describe('jwt-validation while its JWKS endpoint fails', { timeout: 60_000 }, () => {
  it('answers 503 and never 200 before a key set was ever had, serves once the endpoint is back, and keeps the last good set through a failed refetch', async () => {
    const kid = idp.jwks.keys[0]!.kid!;
    const forged = await forgeries(kid);
    const valid = await jwtToken();
    const jwtIds = ids('jwt', JWKS_FAULTS);
    const calls: Call[] = [
      { name: 'open', path: '/open' },
      // Not the unknown kid: its one refetch per 30 s is what step 3 checks.
      ...jwtIds.flatMap((id) =>
        Object.entries(forged)
          .filter(([what]) => what !== 'another key, unknown kid')
          .map(([what, token]) => ({ name: `${id} forged: ${what}`, path: `/${id}/x`, headers: { authorization: `Bearer ${token}` } })),
      ),
    ];
    const traffic = clients(() => app.url(''), calls);
    try {
      // 1. Every JWKS endpoint failing from the start: no key set, 503 (Retry-After), never a pass.
      for (const id of jwtIds) {
        const res = await call(`/${id}/x`, valid);
        expect(`${id}: ${res.status} ${res.body}`).toBe(`${id}: 503 ${UNAVAILABLE}`);
        expect(res.headers.get('retry-after')).toBe('5');
      }

      // 2. The endpoints are back: served again without a restart (a failed first fetch is retried after 5 s).
      await setAll('jwt', () => 'ok');
      await Promise.all(
        jwtIds.map((id) =>
          eventually(
            () => call(`/${id}/x`, valid),
            (r) => r.status === 200,
            20_000,
            `${id} to serve`,
          ),
        ),
      );

      // 3. They fail again. A token naming an unknown kid makes one refetch at once, which fails:
      // the last good set stays, so the IdP's tokens pass and the unknown kid is 401.
      await setAll('jwt', faultOf);
      const fresh = await jwtToken(); // not in the verified-token cache
      const rotated = forged['another key, unknown kid']!;
      for (const id of jwtIds) {
        const before = peers.get(id)!.hits();
        expect(`${id}: ${(await call(`/${id}/x`, rotated)).status}`).toBe(`${id}: 401`);
        if (faultOf(id) !== 'refused') expect(peers.get(id)!.hits(), `${id} refetched`).toBe(before + 1);
        expect(`${id}: ${(await call(`/${id}/x`, fresh)).status}`).toBe(`${id}: 200`);
      }
    } finally {
      await traffic.stop();
    }
    const all = traffic.seen();
    expect(
      all.filter((o) => o.status === 0),
      JSON.stringify(summary(all)),
    ).toEqual([]);
    expect(of(all, 'open').every((o) => o.status === 200 && o.body === 'served')).toBe(true);
    expect(never200(all.filter((o) => o.call !== 'open')), JSON.stringify(summary(all))).toEqual([]);
    expect(new Set(all.filter((o) => o.call !== 'open').map((o) => o.status))).toEqual(new Set([401, 503]));

    // The 200 MB key sets were cut off early, not read.
    for (const id of ['jwt-huge', 'jwt-huge-declared']) {
      for (const streamed of await Promise.all(peers.get(id)!.streams)) {
        expect(streamed.finished).toBe(false);
        expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
      }
    }
  });
});

describe('token enforcement while its introspection endpoint fails', { timeout: 60_000 }, () => {
  it('answers 503 and never 200 for a token it cannot introspect, 401 for one the IdP says is inactive, and recovers as soon as the IdP answers', async () => {
    const valid = await opaqueToken();
    const unknown = `unknown-${randomUUID()}`;
    const introspectIds = [...ids('introspect', INTROSPECTION_FAULTS), ...ids('provider', INTROSPECTION_FAULTS)];
    const calls: Call[] = [
      { name: 'open', path: '/open' },
      ...introspectIds.map((id) => ({ name: `${id} unknown`, path: `/${id}/x`, headers: { authorization: `Bearer ${unknown}` } })),
    ];
    const traffic = clients(() => app.url(''), calls);
    try {
      for (const round of ['failing', 'back', 'failing again', 'back again']) {
        const failing = round.startsWith('failing');
        await Promise.all(['introspect', 'provider'].map((prefix) => setAll(prefix, (id) => (failing ? faultOf(id) : 'ok'))));
        for (const id of introspectIds) {
          const res = await call(`/${id}/x`, valid);
          if (failing) {
            expect(`${round} ${id}: ${res.status} ${res.body}`).toBe(`${round} ${id}: 503 ${UNAVAILABLE}`);
            expect(res.headers.get('retry-after')).toBe('5');
          } else {
            expect(`${round} ${id}: ${res.status} ${res.body}`).toBe(`${round} ${id}: 200 served`);
            // The traffic's check of this token may have started while the IdP failed, and concurrent
            // requests share one introspection: it answers 503 once more, then the IdP's word.
            const inactive = await eventually(
              () => call(`/${id}/x`, unknown),
              (r) => r.status !== 503,
              20_000,
              `${id} to ask the IdP again`,
            );
            expect(`${round} ${id}: ${inactive.status}`).toBe(`${round} ${id}: 401`);
          }
        }
      }
    } finally {
      await traffic.stop();
    }
    const all = traffic.seen();
    expect(
      all.filter((o) => o.status === 0),
      JSON.stringify(summary(all)),
    ).toEqual([]);
    expect(of(all, 'open').every((o) => o.status === 200)).toBe(true);
    expect(never200(all.filter((o) => o.call !== 'open')), JSON.stringify(summary(all))).toEqual([]);
    for (const id of ['introspect-huge', 'introspect-huge-declared', 'provider-huge', 'provider-huge-declared']) {
      for (const streamed of await Promise.all(peers.get(id)!.streams)) {
        expect(streamed.finished).toBe(false);
        expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
      }
    }
  });
});

describe('a client provider whose discovery fails', { timeout: 60_000 }, () => {
  it('answers 503 until a first discovery succeeds, serves without a restart once it does, and keeps the document when the IdP fails again', async () => {
    const valid = await opaqueToken();
    const discoverIds = ids('discover', DISCOVERY_FAULTS);
    for (const id of discoverIds) expect(`${id}: ${(await call(`/${id}/x`, valid)).status}`).toBe(`${id}: 503`);
    await setAll('discover', () => 'ok');
    // A failed discovery is tried again at most every 5 s.
    await Promise.all(
      discoverIds.map((id) =>
        eventually(
          () => call(`/${id}/x`, valid),
          (r) => r.status === 200,
          20_000,
          `${id} to serve`,
        ),
      ),
    );
    await setAll('discover', faultOf);
    // The document is kept for metadataTtlSeconds; introspection goes to the IdP it names.
    for (const id of discoverIds) expect(`${id}: ${(await call(`/${id}/x`, await opaqueToken())).status}`).toBe(`${id}: 200`);
  });
});
