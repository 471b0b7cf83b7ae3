import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadApp, runApp } from '../../src/index.js';
import type { RunningApp } from '../../src/index.js';
import type { Gateway } from '../../src/deploy/gateway-wiring.js';
import { createGateway } from '../../src/deploy/gateway-wiring.js';
import { PromMetrics } from '../../src/deploy/metrics.js';
import { mule, writeApp } from '../helpers/app.js';
import { sign } from '../policies/jwt-validation/harness.js';

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The samples of a text exposition (comments skipped); label values here never hold quotes or commas. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when there is none. */
function value(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

const SECRET = 'metrics-test-secret-of-32-bytes!!';

const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <api-gateway:autodiscovery apiId="legacy-v1" flowRef="legacy"/>
  <flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="hi"/></flow>
  <flow name="boom"><http:listener config-ref="listener" path="/boom"/><raise-error type="APP:BOOM" description="boom"/></flow>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="order"/></flow>
  <flow name="legacy"><http:listener config-ref="listener" path="/legacy"/><set-payload value="old"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);

// legacy-v1 is not in the document: the gatekeeper blocks it (503).
const MANAGER = `apis:\n  - apiId: orders-v1\n    policies:\n      - id: jwt-validation\n        config:\n          signingMethod: hmac\n          textKey: ${SECRET}\n`;

describe('Prometheus metrics of a running app', () => {
  const metrics = new PromMetrics();
  let dir: string;
  let gateway: Gateway;
  let running: RunningApp;
  let app: string;
  let samples: Sample[];

  const url = (path: string) => `http://127.0.0.1:${running.portOf('listener')}${path}`;
  const send = async (path: string, init?: RequestInit): Promise<number> => {
    const res = await fetch(url(path), init);
    await res.arrayBuffer();
    return res.status;
  };

  beforeAll(async () => {
    dir = await writeApp({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER });
    const log = createLogger('silent', false, new Writable({ write: (_c, _e, done) => done() }));
    gateway = createGateway({ dir, log, metrics });
    expect(await gateway.reload()).toEqual([]);
    const loaded = await loadApp({ dir, log, metrics, gate: gateway.manager, environment: {} });
    expect(loaded.diagnostics).toEqual([]);
    app = loaded.name;
    running = await runApp(loaded.app!, log);

    expect(await send('/hello')).toBe(200);
    expect(await send('/hello')).toBe(200);
    expect(await send('/boom')).toBe(500);
    expect(await send('/hello', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })).toBe(400);
    expect(await send('/orders/1', { headers: { authorization: `Bearer ${await sign(new TextEncoder().encode(SECRET))}` } })).toBe(200);
    expect(await send('/orders/1')).toBe(401);
    expect(await send('/orders/2')).toBe(401);
    expect(await send('/legacy')).toBe(503);
    samples = parse(await metrics.text());
  });

  afterAll(async () => {
    await running?.stop();
    await gateway?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the requests each flow answered, by status', () => {
    expect(value(samples, 'flowrt_http_requests_total', { app, flow: 'hello', status: '200' })).toBe(2);
    expect(value(samples, 'flowrt_http_requests_total', { app, flow: 'boom', status: '500' })).toBe(1);
    expect(value(samples, 'flowrt_http_requests_total', { app, flow: 'orders', status: '200' })).toBe(1);
  });

  it('counts a body refused before the flow as a request of its status, not as a flow error', () => {
    expect(value(samples, 'flowrt_http_requests_total', { app, flow: 'hello', status: '400' })).toBe(1);
    expect(value(samples, 'flowrt_flow_errors_total', { app, flow: 'hello' })).toBe(0);
  });

  it('counts the requests whose flow ended in error', () => {
    expect(value(samples, 'flowrt_flow_errors_total', { app, flow: 'boom' })).toBe(1);
    expect(value(samples, 'flowrt_flow_errors_total', { app, flow: 'orders' })).toBe(0);
  });

  it('times every request a flow answered, per flow', () => {
    expect(value(samples, 'flowrt_http_request_duration_seconds_count', { app, flow: 'hello' })).toBe(3);
    expect(value(samples, 'flowrt_http_request_duration_seconds_count', { app, flow: 'boom' })).toBe(1);
    expect(value(samples, 'flowrt_http_request_duration_seconds_count', { app, flow: 'orders' })).toBe(1);
    expect(value(samples, 'flowrt_http_request_duration_seconds_bucket', { app, flow: 'hello', le: '10' })).toBe(3);
    const sum = value(samples, 'flowrt_http_request_duration_seconds_sum', { app, flow: 'hello' })!;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(10);
  });

  it("counts policy rejections and gatekeeper blocks as the gate's, never as the flow's requests", () => {
    expect(value(samples, 'flowrt_policy_rejections_total', { app, api: 'orders-v1', status: '401' })).toBe(2);
    expect(value(samples, 'flowrt_policy_rejections_total', { app, api: 'legacy-v1', status: '503' })).toBe(1);
    expect(value(samples, 'flowrt_http_requests_total', { app, flow: 'orders', status: '401' })).toBeUndefined();
    expect(value(samples, 'flowrt_policy_rejections_total', { app, api: 'orders-v1', status: '200' })).toBeUndefined();
    expect(samples.filter((s) => s.name === 'flowrt_http_requests_total' && s.labels.flow === 'legacy')).toEqual([]);
  });

  it("exposes the process's metrics with the flowrt_ prefix", () => {
    expect(value(samples, 'flowrt_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(samples, 'flowrt_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name.startsWith('nodejs_') || s.name.startsWith('process_'))).toBe(false);
  });

  it('answers in the Prometheus text format', () => {
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('PromMetrics', () => {
  it('counts deploys by action and outcome', async () => {
    const metrics = new PromMetrics();
    metrics.deploy('orders', 'deploy', 'ok');
    metrics.deploy('orders', 'reload', 'ok');
    metrics.deploy('orders', 'reload', 'ok');
    metrics.deploy('orders', 'reload', 'failed');
    const samples = parse(await metrics.text());
    expect(value(samples, 'flowrt_deploys_total', { app: 'orders', action: 'deploy', outcome: 'ok' })).toBe(1);
    expect(value(samples, 'flowrt_deploys_total', { app: 'orders', action: 'reload', outcome: 'ok' })).toBe(2);
    expect(value(samples, 'flowrt_deploys_total', { app: 'orders', action: 'reload', outcome: 'failed' })).toBe(1);
    expect(value(samples, 'flowrt_deploys_total', { app: 'orders', action: 'undeploy' })).toBeUndefined();
  });

  it("keeps each instance's series apart, so runtimes in one process do not collide", async () => {
    const first = new PromMetrics();
    const second = new PromMetrics();
    first.request('a', 'f', 200, false, 0.002);
    first.request('a', 'f', 503, true, 0.2);
    second.request('a', 'f', 200, false, 0.002);
    const one = parse(await first.text());
    const two = parse(await second.text());
    expect(value(one, 'flowrt_http_requests_total', { flow: 'f', status: '200' })).toBe(1);
    expect(value(one, 'flowrt_flow_errors_total', { flow: 'f' })).toBe(1);
    expect(value(two, 'flowrt_http_requests_total', { flow: 'f', status: '503' })).toBeUndefined();
    expect(value(two, 'flowrt_flow_errors_total', { flow: 'f' })).toBe(0);
  });

  it('puts each duration in the buckets from 1 ms to 10 s', async () => {
    const metrics = new PromMetrics();
    metrics.request('a', 'f', 200, false, 0.0005);
    metrics.request('a', 'f', 200, false, 0.3);
    metrics.request('a', 'f', 200, false, 30);
    const samples = parse(await metrics.text());
    const bucket = (le: string) => value(samples, 'flowrt_http_request_duration_seconds_bucket', { flow: 'f', le });
    expect([bucket('0.001'), bucket('0.25'), bucket('0.5'), bucket('10'), bucket('+Inf')]).toEqual([1, 1, 2, 2, 3]);
  });
});
