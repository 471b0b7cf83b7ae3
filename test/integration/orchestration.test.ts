import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, loadApp, runApp } from '../../src/index.js';
import type { RunningApp } from '../../src/index.js';
import type { Upstream } from '../helpers/upstream.js';
import { json, upstream } from '../helpers/upstream.js';

/**
 * The orchestration of the outbound-HTTP issue, end to end against real local servers: two
 * upstreams in parallel, the flaky one retried, the merge validated by a JSON Schema, each
 * failure answered with its own status (test/fixtures/apps/orchestration).
 */
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

interface Behaviour {
  stock?: (sku: string) => [number, unknown] | 'hang';
  price?: (sku: string, attempt: number) => [number, unknown] | 'hang';
}

async function scenario(b: Behaviour): Promise<{ get: (sku: string) => Promise<{ status: number; body: unknown }>; pricing: Upstream }> {
  const answer = (res: Parameters<Parameters<typeof upstream>[0]>[1], out: [number, unknown] | 'hang') => {
    if (out !== 'hang') json(res, out[0], out[1]);
  };
  const inventory = await upstream((req, res) => answer(res, (b.stock ?? ((sku) => [200, { sku, quantity: 7 }]))(req.url.split('/').pop()!)));
  let attempts = 0;
  const pricing = await upstream((req, res) =>
    answer(res, (b.price ?? (() => [200, { amount: 9.5, currency: 'EUR' }]))(req.url.split('/').pop()!, ++attempts)),
  );
  stops.push(
    () => inventory.close(),
    () => pricing.close(),
  );
  const log = createLogger('silent');
  const loaded = await loadApp({
    dir: 'test/fixtures/apps/orchestration',
    log,
    environment: {},
    props: {
      'http.port': '0',
      'inventory.port': String(inventory.port),
      'pricing.port': String(pricing.port),
      'upstream.timeout': '300',
      'retry.millis': '20',
    },
  });
  if (!loaded.app) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const running: RunningApp = await runApp(loaded.app, log);
  stops.push(() => running.stop());
  return {
    pricing,
    async get(sku) {
      const res = await fetch(`http://127.0.0.1:${running.portOf('api')}/api/quotes/${sku}`);
      return { status: res.status, body: await res.json() };
    },
  };
}

describe('quote orchestration', () => {
  it('merges stock and a price that needed two retries', async () => {
    const { get, pricing } = await scenario({ price: (_sku, n) => (n < 3 ? [503, { error: 'busy' }] : [200, { amount: 9.5, currency: 'EUR' }]) });
    expect(await get('PEN')).toEqual({ status: 200, body: { sku: 'PEN', available: 7, unitPrice: 9.5, currency: 'EUR' } });
    expect(pricing.received).toHaveLength(3);
  });

  it('answers 404 when the inventory does not know the product', async () => {
    const { get } = await scenario({ stock: () => [404, { error: 'unknown sku' }] });
    expect(await get('NOPE')).toMatchObject({ status: 404, body: { error: 'no such product' } });
  });

  it('answers 503 when pricing keeps failing past its retries', async () => {
    const { get, pricing } = await scenario({ price: () => [503, {}] });
    expect(await get('PEN')).toMatchObject({ status: 503, body: { error: 'pricing is unavailable' } });
    expect(pricing.received).toHaveLength(4);
  });

  it('answers 504 when the inventory does not answer in time', async () => {
    const { get } = await scenario({ stock: () => 'hang' });
    const started = Date.now();
    expect(await get('PEN')).toMatchObject({ status: 504, body: { error: 'an upstream did not answer in time' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 502 naming the broken field when an upstream answers something that is not a quote', async () => {
    const { get } = await scenario({ price: () => [200, { amount: -1, currency: 'euro' }] });
    const res = await get('PEN');
    expect(res.status).toBe(502);
    expect(JSON.stringify(res.body)).toContain('/unitPrice');
    expect(JSON.stringify(res.body)).toContain('/currency');
  });

  it('answers 502 when an upstream fails in another way', async () => {
    const { get } = await scenario({ stock: () => [500, {}] });
    expect(await get('PEN')).toMatchObject({ status: 502, body: { error: 'an upstream failed' } });
  });
});
