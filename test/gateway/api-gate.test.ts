import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ResponseSpec } from '../../src/http/response.js';
import { ApiGate } from '../../src/gateway/api-gate.js';
import type { LiveApi } from '../../src/gateway/policy-installer.js';
import type { PolicyContext } from '../../src/policies/shared/policy.js';
import { NO_METRICS } from '../../src/runtime/metrics.js';

const ctx = { log: pino({ level: 'silent' }) } as PolicyContext;
const flow = async (): Promise<ResponseSpec> => ({ status: 200, headers: {}, body: 'from the flow' });

function gate(live: Record<string, Partial<LiveApi>> = {}) {
  const rejections: number[] = [];
  const metrics = { ...NO_METRICS, policyRejection: (_app: string, _api: string, status: number) => void rejections.push(status) };
  const apis = new Map(Object.entries(live).map(([id, api]) => [id, api as LiveApi]));
  return { gate: new ApiGate(apis, new Map(), metrics, 'shop'), rejections };
}

describe('API gate', () => {
  it('blocks an API with no policies in force (503), and counts it as a rejection', async () => {
    const { gate: g, rejections } = gate();
    g.opened();
    const response = await g.run('orders', ctx, flow);
    expect(response).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(rejections).toEqual([503]);
  });

  it('lets every request through when the gatekeeper is disabled', async () => {
    const { gate: g, rejections } = gate();
    g.configure({ gatekeeper: 'disabled' });
    expect((await g.run('orders', ctx, flow)).body).toBe('from the flow');
    expect(rejections).toEqual([]);
  });

  it('fails closed with a 500 when a policy throws', async () => {
    const { gate: g } = gate({ orders: { chain: async () => Promise.reject(new Error('boom')) } });
    expect(await g.run('orders', ctx, flow)).toMatchObject({ status: 500, body: { error: 'server_error' } });
  });

  it("runs the API's chain ahead of the flow and does not count the flow's response as a rejection", async () => {
    const { gate: g, rejections } = gate({ orders: { chain: async (_ctx, final) => final() } });
    expect((await g.run('orders', ctx, flow)).status).toBe(200);
    expect(rejections).toEqual([]);
  });

  it("takes Anypoint's status codes from the API, else from the document", () => {
    const { gate: g } = gate({ orders: { anypointCompat: true } });
    g.configure({ anypointCompat: false });
    expect([g.compatFor('orders'), g.compatFor('other')]).toEqual([true, false]);
  });
});
