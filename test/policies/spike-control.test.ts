import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { ResponseSpec } from '../../src/http/response.js';
import type { PolicyContext } from '../../src/policies/shared/policy.js';
import { spikeControl } from '../../src/policies/spike-control/spike-control.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="ok"/></flow>`).replace('<mule ', `<mule ${NS} `);

async function startWith(config: Record<string, unknown>): Promise<TestApp> {
  return start({
    'flows/app.xml': FLOWS,
    'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: spike-control\n        config: ${JSON.stringify(config)}\n`,
  });
}

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly headers: Headers;
  readonly body: string;
}

/** `n` requests at once; each answer with how long it took. */
async function burst(n: number): Promise<Answer[]> {
  const started = Date.now();
  return Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(app!.url('/orders/1'));
      return { status: res.status, headers: res.headers, body: await res.text(), ms: Date.now() - started };
    }),
  );
}

describe('spike-control', () => {
  it('smooths a burst: requests over the limit wait and are served as the sliding window frees slots', async () => {
    // 2 per 300 ms; a waiting request tries again every 200 ms, up to 5 times.
    app = await startWith({ maximumRequests: 2, timePeriodInMilliseconds: 300, delayTimeInMillis: 200, delayAttempts: 5, queuingLimit: 10 });
    const answers = await burst(6);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    // Served at once; at the 2nd try (~400 ms: the first slots freed at ~300); at the 4th (~800 ms).
    expect(times.slice(0, 2).every((t) => t < 150)).toBe(true);
    expect(times.slice(2, 4).every((t) => t >= 350 && t < 650)).toBe(true);
    expect(times.slice(4).every((t) => t >= 750)).toBe(true);
  });

  it('refuses at once what the queue cannot hold, and after its attempts what waited in vain', async () => {
    app = await startWith({ maximumRequests: 1, timePeriodInMilliseconds: 2000, delayTimeInMillis: 300, delayAttempts: 1, queuingLimit: 2 });
    const answers = await burst(5);
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect([served.length, refused.length]).toEqual([1, 4]);
    const [immediate, waited] = [refused.filter((a) => a.ms < 200), refused.filter((a) => a.ms >= 250)];
    expect([immediate.length, waited.length]).toEqual([2, 2]);
    const body = JSON.parse(refused[0]!.body) as unknown;
    expect(body).toEqual({ error: 'too_many_requests', error_description: 'quota exceeded: retry in 2 s' });
    expect(refused.map((a) => a.headers.get('retry-after'))).toEqual(['2', '2', '2', '2']);
  });

  it('lets no request wait by default (queuingLimit 0): over the limit is 429 at once', async () => {
    app = await startWith({ maximumRequests: 2, timePeriodInMilliseconds: 1000 });
    const answers = await burst(4);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429]);
    expect(answers.every((a) => a.ms < 500)).toBe(true);
  });

  it('slides: a slot frees timePeriodInMilliseconds after the request that took it', async () => {
    app = await startWith({ maximumRequests: 2, timePeriodInMilliseconds: 400, exposeHeaders: true });
    const get = () => fetch(app!.url('/orders/1'));
    const first = await get();
    expect([first.status, first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining')]).toEqual([200, '2', '1']);
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(400);
    expect(first.headers.get('ratelimit-policy')).toBe('"default";q=2;w=1');
    await new Promise((r) => setTimeout(r, 250));
    const second = await get();
    expect([second.status, second.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
    // ~150 ms on, the first slot (taken at 0) frees at ~400: a fixed window from 0 would free both.
    await new Promise((r) => setTimeout(r, 200));
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect([refused.status, refused.headers.get('x-ratelimit-remaining')]).toEqual([429, '0']);
  });

  it('wakes the requests still waiting when it is stopped, instead of leaving timers behind', async () => {
    const policy = spikeControl.create(
      { maximumRequests: 1, timePeriodInMilliseconds: 10_000, delayTimeInMillis: 5_000, delayAttempts: 3, queuingLimit: 5 },
      {
        log: createLogger('silent'),
        now: Date.now,
        httpClient: () => {
          throw new Error('no HTTP');
        },
      },
    );
    const ctx = { apiId: 'orders-v1', log: createLogger('silent') } as unknown as PolicyContext;
    const ok = async (): Promise<ResponseSpec> => ({ status: 200, headers: {}, body: 'ok' });
    expect((await policy.handle(ctx, ok)).status).toBe(200);
    const started = Date.now();
    const waiting = policy.handle(ctx, ok);
    await new Promise((r) => setTimeout(r, 50));
    await policy.stop!();
    expect((await waiting).status).toBe(429);
    expect(Date.now() - started).toBeLessThan(1_000);
    // A request after stop does not wait either.
    expect((await policy.handle(ctx, ok)).status).toBe(429);
  });
});
