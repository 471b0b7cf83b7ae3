import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACES, writeApp } from '../helpers/app.js';
import type { Cli } from '../helpers/cli.js';
import { cli, freePort, killChildren, waitFor } from '../helpers/cli.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { ownRedis } from '../helpers/redis-server.js';
import type { ServerResponse } from 'node:http';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';
import { eventually } from './clients.js';

/*
 * `flowrt start` (the built CLI, as users run it) killed with requests in flight. SIGKILL: the
 * clients see their connection fail (never a hang), a runtime started again on the same port
 * serves at once, and what it wrote to Redis before dying (an issued token, a rate-limit count) is
 * there. SIGTERM: the requests in flight are finished first (README: up to shutdownTimeout, then exit 0).
 */

const SECRET = 'svc-secret-0123456789abcdef';

function app(upstreamPort: number): Record<string, string> {
  const flows = `<?xml version="1.0" encoding="UTF-8"?>
<mule ${NAMESPACES} xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway">
  <http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="\${http.port}"/></http:listener-config>
  <http:request-config name="backend" responseTimeout="20000"><http:request-connection host="127.0.0.1" port="${upstreamPort}"/></http:request-config>
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="READ"/></oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="slow"><http:listener config-ref="listener" path="/slow"/><http:request config-ref="backend" path="/slow"/></flow>
  <flow name="me"><http:listener config-ref="listener" path="/me"/><oauth2-provider:validate-token config-ref="oauth"/></flow>
  <api-gateway:autodiscovery apiId="quota-v1" flowRef="quota"/>
  <flow name="quota"><http:listener config-ref="listener" path="/quota"/><set-payload value="ok"/></flow>
</mule>
`;
  const manager = `apis:
  - apiId: quota-v1
    policies:
      - id: rate-limiting
        config: { rateLimits: [{ maximumRequests: 5, timePeriodInMilliseconds: 600000 }], exposeHeaders: true }
`;
  return { 'flows/app.xml': flows, 'api-manager.yaml': manager, 'flowrt-app.json': JSON.stringify({ name: 'process-kill' }) };
}

let redis: OwnRedis;
let backend: Upstream;
/** The backend's answers to /slow, held until the test releases them. */
const held: ServerResponse[] = [];
const release = () => {
  for (const res of held.splice(0)) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('slow answer');
  }
};
let dir: string;
let port: number;
beforeAll(async () => {
  redis = await ownRedis();
  backend = await upstream((_req, res) => void held.push(res));
  dir = await writeApp(app(backend.port));
  port = await freePort();
});
afterEach(killChildren);
afterAll(async () => {
  await backend?.close();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

/** `flowrt start` of the app on `port`, with its stores on the test's Redis; resolves once it serves. */
async function flowrt(): Promise<Cli> {
  const c = cli(['start', dir, '--prop', `http.port=${port}`, '--redis', redis.url]);
  // The outcome, not a deadline: a busy machine may take seconds just to load the CLI.
  await waitFor(() => c.stdout().includes('"app started"') || c.child.exitCode !== null, 20_000, 'flowrt to start');
  if (!c.stdout().includes('"app started"')) throw new Error(`flowrt did not start:\n${c.stdout()}\n${c.stderr()}`);
  return c;
}

/** `n` requests to /slow, resolved once the backend holds every one of them (so they are in flight in flowrt). */
async function inFlight(n: number): Promise<Array<Promise<string>>> {
  const before = backend.received.length;
  const requests = Array.from({ length: n }, () =>
    fetch(url('/slow'), { signal: AbortSignal.timeout(20_000) }).then(
      async (res) => `${res.status} ${await res.text()}`,
      (e: Error) => `${e.name}: ${(e.cause as Error | undefined)?.message ?? e.message}`,
    ),
  );
  // The backend holds a request once its body has arrived: the flow is waiting on it.
  await waitFor(() => backend.received.length >= before + n, 20_000, 'the requests to reach the backend');
  return requests;
}

async function issueToken(): Promise<string> {
  const res = await fetch(url('/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}&scope=READ`,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const remaining = async () => (await fetch(url('/quota'))).headers.get('x-ratelimit-remaining');

describe('flowrt killed with requests in flight', { timeout: 60_000 }, () => {
  it('SIGKILL: clients get a connection error, not a hang; a restart on the same port serves at once with the token and the count Redis kept', async () => {
    const first = await flowrt();
    const token = await issueToken();
    expect([await remaining(), await remaining(), await remaining()]).toEqual(['4', '3', '2']);

    const requests = await inFlight(4);
    first.child.kill('SIGKILL');
    expect(await first.exited(10_000)).toBe('SIGKILL');
    const outcomes = await Promise.all(requests);
    // A connection error each (the socket closed under them), never the 20 s timeout nor an answer.
    for (const o of outcomes) expect(o).toMatch(/^TypeError: (other side closed|read ECONNRESET|socket hang up|fetch failed)/);

    const second = await flowrt();
    expect((await fetch(url('/me'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await remaining()).toBe('1');
    second.child.kill('SIGTERM');
    expect(await second.exited(10_000)).toBe(0);
  });

  it('SIGTERM: the requests in flight are answered before it exits 0', async () => {
    const c = await flowrt();
    const requests = await inFlight(2);
    c.child.kill('SIGTERM');
    await waitFor(() => c.stdout().includes('shutting down: finishing requests in flight'), 20_000, 'flowrt to take the signal');
    expect(c.child.exitCode).toBeNull();
    release();
    expect(await Promise.all(requests)).toEqual(['200 slow answer', '200 slow answer']);
    expect(await c.exited(10_000)).toBe(0);
  });

  it('lives through a Redis outage: a token request of an unknown client is 503, not the end of the process, and serves again once Redis is back', async () => {
    const c = await flowrt();
    await redis.kill();
    try {
      const res = await fetch(url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=stranger&client_secret=x',
      });
      expect(res.status).toBe(503);
      // An unhandled rejection would end the process a moment later: give it that moment.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(c.child.exitCode, c.stderr()).toBeNull();
    } finally {
      await redis.restart();
    }
    await eventually(
      () => fetch(url('/quota')),
      (res) => res.headers.get('x-ratelimit-remaining') !== null,
      20_000,
      'counting to resume',
    );
    expect(
      (
        await fetch(url('/token'), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}`,
        })
      ).status,
    ).toBe(200);
    c.child.kill('SIGTERM');
    expect(await c.exited(10_000)).toBe(0);
  });
});
