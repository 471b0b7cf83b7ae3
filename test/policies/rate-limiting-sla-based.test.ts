import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import type { StoreFactory } from '../../src/stores/store.js';
import { mule, writeApp } from '../helpers/app.js';
import { FailingStores } from '../helpers/failing-stores.js';

const REDIS = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Flow "orders" (API orders-v1) answering with the client the policy let in. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="#[{'client': vars.client}]"/></flow>`).replace(
  '<mule ',
  `<mule ${NS} `,
);

/**
 * Tiers gold (3 per 10 s) and silver (1 per 10 s). ann: gold; sam: silver; bob: revoked; carl:
 * a contract with another API; tess: tier bronze, which the API does not define; nita: no tier;
 * dora: registered at an IdP (no secret hash), gold.
 */
function manager(config: Record<string, unknown> = {}, silver = '{ maximumRequests: 1, timePeriodInMilliseconds: 10000 }'): string {
  const app = (name: string, contract: string, hash: string | null = sha256(`${name}-secret`)) =>
    `  - name: ${name}\n    clientId: ${name}-id\n${hash ? `    clientSecretHash: ${hash}\n` : ''}    contracts: [${contract}]\n`;
  return `apis:
  - apiId: orders-v1
    tiers:
      - { name: gold, limits: [{ maximumRequests: 3, timePeriodInMilliseconds: 10000 }], autoApprove: true }
      - { name: silver, limits: [${silver}] }
    policies:
      - id: rate-limiting-sla-based
        config: ${JSON.stringify({ exposeHeaders: true, ...config })}
applications:
${app('ann', '{ apiId: orders-v1, tier: gold }')}${app('sam', '{ apiId: orders-v1, tier: silver }')}${app('bob', '{ apiId: orders-v1, tier: gold, status: revoked }')}${app('carl', '{ apiId: billing-v1, tier: gold }')}${app('tess', '{ apiId: orders-v1, tier: bronze }')}${app('nita', '{ apiId: orders-v1 }')}${app('dora', '{ apiId: orders-v1, tier: gold }', null)}`;
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function folder(yaml: string): Promise<string> {
  const dir = await writeApp({ 'flows/app.xml': FLOWS, 'api-manager.yaml': yaml });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function run(dir: string, options: { redis?: string; stores?: StoreFactory } = {}): Promise<(path: string) => string> {
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, ...options });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  expect(started.diagnostics).toEqual([]);
  const runtime: Runtime = started.runtime;
  cleanup.push(() => runtime.stop());
  return (path) => `http://127.0.0.1:${runtime.running.portOf('listener')}${path}`;
}

const as = (name: string, secret = `${name}-secret`): Record<string, string> => ({ client_id: `${name}-id`, client_secret: secret });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON the flow and the policy answer
async function call(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}

const statuses = async (url: string, n: number, headers: Record<string, string>): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(url, headers)).status);
  return out;
};

const INVALID = { error: 'invalid_client', error_description: 'invalid client id or secret' };

describe('rate-limiting-sla-based', () => {
  it("gives each client its tier's limits, counted per client", async () => {
    const url = (await run(await folder(manager())))('/orders/1');
    const first = await call(url, as('ann'));
    expect(first.status).toBe(200);
    expect(first.body.client).toEqual({ clientId: 'ann-id', application: 'ann', tier: 'gold' });
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-policy')).toBe('"gold";q=3;w=10');
    expect(await statuses(url, 3, as('ann'))).toEqual([200, 200, 429]);
    // ann's spent quota is not sam's, and sam's tier is silver.
    const sam = await call(url, as('sam'));
    expect(sam.status).toBe(200);
    expect(sam.headers.get('ratelimit')).toBe('"silver";r=0;t=10');
    const over = await call(url, as('sam'));
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ error: 'too_many_requests', error_description: 'quota exceeded: retry in 10 s' });
    expect(over.headers.get('retry-after')).toBe('10');
  });

  it('refuses missing or wrong credentials and unknown clients with 401, alike', async () => {
    const url = (await run(await folder(manager())))('/orders/1');
    expect(await call(url)).toMatchObject({ status: 401, body: { error: 'unauthorized', error_description: 'missing client credentials' } });
    expect(await call(url, { client_id: 'ann-id' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'missing client secret' },
    });
    expect(await call(url, as('nobody'))).toMatchObject({ status: 401, body: INVALID });
    expect(await call(url, as('ann', 'wrong'))).toMatchObject({ status: 401, body: INVALID });
    // Registered at an IdP: there is no secret flowrt could check.
    expect(await call(url, as('dora', 'anything'))).toMatchObject({ status: 401, body: INVALID });
    // A client without a contract proves who it is before it learns it has none.
    expect(await call(url, as('bob', 'wrong'))).toMatchObject({ status: 401, body: INVALID });
  });

  it('refuses a known client with 403 when no approved contract or no defined tier gives it a quota, saying which', async () => {
    const url = (await run(await folder(manager())))('/orders/1');
    expect(await call(url, as('bob'))).toMatchObject({
      status: 403,
      body: { error: 'forbidden', error_description: 'client application bob has no approved contract for API orders-v1' },
    });
    expect(await call(url, as('carl'))).toMatchObject({
      status: 403,
      body: { error: 'forbidden', error_description: 'client application carl has no approved contract for API orders-v1' },
    });
    expect(await call(url, as('tess'))).toMatchObject({
      status: 403,
      body: { error: 'forbidden', error_description: 'the contract of client application tess names SLA tier "bronze", which API orders-v1 does not define' },
    });
    expect(await call(url, as('nita'))).toMatchObject({
      status: 403,
      body: { error: 'forbidden', error_description: 'the contract of client application nita with API orders-v1 names no SLA tier' },
    });
  });

  it('checks only the client id when clientSecretExpression is empty', async () => {
    const url = (await run(await folder(manager({ clientSecretExpression: '' }))))('/orders/1');
    expect((await call(url, { client_id: 'ann-id' })).status).toBe(200);
    expect((await call(url, { client_id: 'dora-id' })).status).toBe(200);
    expect((await call(url, { client_id: 'nobody' })).status).toBe(401);
  });

  it('applies an edited tier from the next requests, without a restart', async () => {
    const dir = await folder(manager());
    const url = (await run(dir))('/orders/1');
    expect(await statuses(url, 2, as('sam'))).toEqual([200, 429]);
    await writeFile(join(dir, 'api-manager.yaml'), manager({}, '{ maximumRequests: 5, timePeriodInMilliseconds: 20000 }'));
    const deadline = Date.now() + 5_000;
    let res = await call(url, as('sam'));
    while (res.headers.get('x-ratelimit-limit') !== '5' && Date.now() < deadline) {
      await sleep(100);
      res = await call(url, as('sam'));
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"silver";q=5;w=20');
  });

  it('shares a client quota between runtimes on one Redis', async () => {
    const dir = await folder(manager());
    const one = (await run(dir, { redis: REDIS }))('/orders/1');
    const two = (await run(dir, { redis: REDIS }))('/orders/1');
    expect([...(await statuses(one, 2, as('ann'))), ...(await statuses(two, 2, as('ann')))]).toEqual([200, 200, 200, 429]);
  });

  it('never skips the credentials check when the store fails: onStoreFailure decides only the counting', async () => {
    const stores = new FailingStores(['increment', 'hit']);
    cleanup.push(() => stores.close());
    const dir = await folder(manager());
    const allow = (await run(dir, { stores }))('/orders/1');
    stores.down = true;
    expect((await call(allow, as('ann'))).status).toBe(200);
    expect((await call(allow, as('ann', 'wrong'))).status).toBe(401);
    expect((await call(allow, as('bob'))).status).toBe(403);
    expect((await call(allow, as('tess'))).status).toBe(403);
    await writeFile(join(dir, 'api-manager.yaml'), manager({ onStoreFailure: 'deny' }));
    const deadline = Date.now() + 5_000;
    while ((await call(allow, as('ann'))).status !== 503 && Date.now() < deadline) await sleep(100);
    expect((await call(allow, as('ann'))).status).toBe(503);
    expect((await call(allow, as('nobody'))).status).toBe(401);
  });
});
