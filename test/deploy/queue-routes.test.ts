import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import { startHost } from '../../src/deploy/host/start-host.js';
import { MAX_BODY_CHARS } from '../../src/deploy/dead-letter-view.js';
import { PromMetrics } from '../../src/deploy/metrics.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { encodeValue } from '../../src/util/value-codec.js';
import { ADMIN_TOKEN, mule, writeApp } from '../helpers/app.js';
import type { FakeQueue, FakeSchedule } from '../helpers/queue-fakes.js';
import { FakeQueueFactory, FakeScheduleFactory, letter } from '../helpers/queue-fakes.js';

type Answer = { status: number; body: Record<string, unknown> & { error?: string; error_description?: string } };

async function call(base: string, method: string, path: string, init: { body?: string; type?: string; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = init.token === '' ? {} : { authorization: `Bearer ${init.token ?? ADMIN_TOKEN}` };
  if (init.type) headers['content-type'] = init.type;
  const res = await fetch(`${base}${path}`, { method, headers, body: init.body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), type: 'application/json' });

describe('admin API: queues and schedules of a runtime', () => {
  const queues = new FakeQueueFactory();
  const schedules = new FakeScheduleFactory();
  const metrics = new PromMetrics();
  let runtime: Runtime;
  let dir: string;
  let base: string;
  let invoices: FakeQueue;
  let poll: FakeSchedule;
  const get = (path: string) => call(base, 'GET', path);

  beforeAll(async () => {
    invoices = queues.add('orders/invoices', [
      letter('1', encodeValue({ payload: Buffer.from('{"order":7}'), at: new Date(Date.UTC(2024, 0, 2)), n: 12n })),
      letter('2', encodeValue({ payload: Buffer.from([0xff, 0x00, 0xfe]) })),
      letter('3', 'not the codec at all'),
      letter('4', `"${'x'.repeat(MAX_BODY_CHARS)}"`),
    ]);
    invoices.waiting = 3;
    invoices.active = 1;
    queues.add('orders/audit/eu');
    queues.add('billing/invoices');
    queues.add('billing/shared');
    queues.add('orders/shared');
    poll = schedules.add('orders/poll', Date.UTC(2030, 0, 1, 12));
    schedules.add('billing/poll');
    schedules.add('billing/nightly');
    dir = await writeApp({ 'flows/app.xml': mule(`<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="hi"/></flow>`) });
    const log = createLogger('silent');
    const started = await startRuntime({ dir, log, environment: {}, admin: { port: 0, token: ADMIN_TOKEN }, queues, schedules, metrics });
    runtime = started.runtime!;
    base = `http://127.0.0.1:${runtime.adminPort}`;
  });
  afterAll(async () => {
    await runtime?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for the bearer token on every queue and schedule route', async () => {
    for (const [method, path] of [
      ['GET', '/queues'],
      ['GET', '/queues/invoices/dead-letters'],
      ['POST', '/queues/invoices/dead-letters/replay'],
      ['DELETE', '/queues/invoices/dead-letters'],
      ['GET', '/schedules'],
      ['POST', '/schedules/poll/trigger'],
    ] as const) {
      expect((await call(base, method, path, { token: '' })).status, `${method} ${path}`).toBe(401);
      expect((await call(base, method, path, { token: 'wrong-token-wrong-token' })).status, `${method} ${path}`).toBe(401);
    }
    expect(invoices.letters).toHaveLength(4);
    expect(poll.triggered).toBe(0);
  });

  it('lists every queue with its app and counts, sorted by name', async () => {
    const res = await get('/queues');
    expect(res.status).toBe(200);
    const listed = res.body.queues as Array<Record<string, unknown>>;
    expect(listed.map((q) => q.name)).toEqual(['billing/invoices', 'billing/shared', 'orders/audit/eu', 'orders/invoices', 'orders/shared']);
    expect(listed[3]).toEqual({ name: 'orders/invoices', app: 'orders', queue: 'invoices', waiting: 3, active: 1, deadLetters: 4 });
    expect(listed[2]).toMatchObject({ app: 'orders', queue: 'audit/eu' });
  });

  it('finds a queue by its own name when one app has it, by app/queue encoded, or with ?app=', async () => {
    expect((await get('/queues/audit%2Feu')).body).toMatchObject({ name: 'orders/audit/eu', waiting: 0 });
    expect((await get('/queues/orders%2Finvoices')).body).toMatchObject({ name: 'orders/invoices', waiting: 3, active: 1, deadLetters: 4 });
    expect((await get('/queues/invoices?app=orders')).body).toMatchObject({ name: 'orders/invoices' });
    expect((await get('/queues/invoices?app=billing')).body).toMatchObject({ name: 'billing/invoices', deadLetters: 0 });
  });

  it('answers 409 when the name is in several apps, 404 when it is in none', async () => {
    const ambiguous = await get('/queues/shared');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body).toEqual({ error: 'ambiguous', error_description: expect.stringContaining('billing/shared, orders/shared') });
    expect(ambiguous.body.error_description).toContain('billing%2Fshared');
    const missing = await get('/queues/nope');
    expect(missing).toEqual({ status: 404, body: { error: 'not_found', error_description: 'no queue "nope": GET /queues lists them' } });
    expect((await get('/queues/invoices?app=shipping')).status).toBe(404);
    expect((await get('/queues/nope/dead-letters')).status).toBe(404);
    expect((await call(base, 'POST', '/queues/nope/dead-letters/replay')).status).toBe(404);
  });

  it('shows dead letters with their ids and times, the body decoded where it decodes and cut where it is long', async () => {
    const res = await get('/queues/invoices/dead-letters?app=orders');
    expect(res.status).toBe(200);
    const [one, two, three, four] = res.body.deadLetters as Array<Record<string, unknown>>;
    expect(one).toEqual({
      id: '1',
      correlationId: 'corr-1',
      attempt: 3,
      reason: 'APP:BOOM: it broke',
      publishedAt: '2023-11-14T22:13:20.000Z',
      failedAt: '2023-11-14T22:14:20.000Z',
      body: { payload: '{"order":7}', at: '2024-01-02T00:00:00.000Z', n: '12' },
      bodyFormat: 'decoded',
      bodyChars: invoices.letters[0]!.body.length,
    });
    expect(two).toMatchObject({ body: { payload: { base64: '/wD+' } }, bodyFormat: 'decoded' });
    expect(three).toMatchObject({ body: 'not the codec at all', bodyFormat: 'text' });
    expect(four).toMatchObject({ bodyFormat: 'truncated', bodyChars: MAX_BODY_CHARS + 2 });
    expect((four!.body as string).length).toBe(MAX_BODY_CHARS);
    expect(((await get('/queues/orders%2Finvoices/dead-letters?limit=2')).body.deadLetters as unknown[]).length).toBe(2);
    for (const limit of ['0', '501', 'ten', '1.5']) expect((await get(`/queues/orders%2Finvoices/dead-letters?limit=${limit}`)).status).toBe(400);
  });

  it('replays and purges the dead letters named, or all of them, and says how many', async () => {
    const queue = queues.add('shipping/labels', [letter('a', '1'), letter('b', '2'), letter('c', '3'), letter('d', '4'), letter('e', '5')]);
    const path = '/queues/labels/dead-letters';
    expect(await call(base, 'POST', `${path}/replay`, json({ ids: ['a', 'zz'] }))).toEqual({ status: 200, body: { name: 'shipping/labels', replayed: 1 } });
    expect(queue.waiting).toBe(1);
    expect(await call(base, 'DELETE', `${path}?ids=b,c`)).toEqual({ status: 200, body: { name: 'shipping/labels', purged: 2 } });
    expect(await call(base, 'DELETE', path, json({ ids: ['d'] }))).toEqual({ status: 200, body: { name: 'shipping/labels', purged: 1 } });
    expect(queue.letters.map((l) => l.id)).toEqual(['e']);
    expect((await call(base, 'POST', `${path}/replay`)).body).toEqual({ name: 'shipping/labels', replayed: 1 });
    expect(queue.waiting).toBe(2);
    queue.letters = [letter('f', '6'), letter('g', '7')];
    expect((await call(base, 'DELETE', path)).body).toEqual({ name: 'shipping/labels', purged: 2 });
  });

  it('refuses ids that are not a list of strings, and a body that is not JSON', async () => {
    const path = '/queues/orders%2Finvoices/dead-letters';
    for (const body of [{ ids: 'a' }, { ids: [1] }, ['a']]) expect((await call(base, 'POST', `${path}/replay`, json(body))).status).toBe(400);
    expect((await call(base, 'DELETE', `${path}?ids=a`, json({ ids: ['b'] }))).status).toBe(400);
    expect((await call(base, 'POST', `${path}/replay`, { body: 'ids=a', type: 'text/plain' })).status).toBe(415);
    expect((await call(base, 'POST', `${path}/replay`, { body: '{', type: 'application/json' })).status).toBe(400);
    expect(invoices.letters).toHaveLength(4);
  });

  it('answers 503 when the backend fails, and lists the other queues with the failing one marked', async () => {
    const down = queues.add('orders/down');
    down.failure = 'reject';
    try {
      expect(await get('/queues/down')).toEqual({ status: 503, body: { error: 'unavailable', error_description: 'orders/down: Connection is closed.' } });
      expect((await call(base, 'POST', '/queues/down/dead-letters/replay')).status).toBe(503);
      const listed = (await get('/queues')).body.queues as Array<Record<string, unknown>>;
      expect(listed.find((q) => q.name === 'orders/down')).toEqual({ name: 'orders/down', app: 'orders', queue: 'down', error: 'Connection is closed.' });
      expect(listed.find((q) => q.name === 'orders/invoices')).toMatchObject({ waiting: 3 });
    } finally {
      queues.queues.delete('orders/down');
    }
  });

  it('lists schedules with their state; triggers, pauses and resumes one', async () => {
    const listed = await get('/schedules');
    expect(listed.status).toBe(200);
    expect(listed.body.schedules).toEqual([
      { name: 'billing/nightly', app: 'billing', flow: 'nightly', paused: false, nextAt: '2030-01-01T00:00:00.000Z' },
      { name: 'billing/poll', app: 'billing', flow: 'poll', paused: false, nextAt: '2030-01-01T00:00:00.000Z' },
      { name: 'orders/poll', app: 'orders', flow: 'poll', paused: false, nextAt: '2030-01-01T12:00:00.000Z' },
    ]);
    expect(await call(base, 'POST', '/schedules/orders%2Fpoll/trigger')).toEqual({
      status: 202,
      body: { name: 'orders/poll', app: 'orders', flow: 'poll', triggered: true },
    });
    expect(poll.triggered).toBe(1);
    expect(await call(base, 'POST', '/schedules/poll/pause?app=orders')).toEqual({
      status: 200,
      body: { name: 'orders/poll', app: 'orders', flow: 'poll', paused: true, nextAt: null },
    });
    expect(poll.paused).toBe(true);
    expect((await get('/schedules/orders%2Fpoll')).body).toMatchObject({ paused: true, nextAt: null });
    expect((await call(base, 'POST', '/schedules/nightly/resume')).body).toMatchObject({ name: 'billing/nightly', paused: false });
    expect((await call(base, 'POST', '/schedules/orders%2Fpoll/resume')).body).toMatchObject({ paused: false, nextAt: '2030-01-01T12:00:00.000Z' });
  });

  it('answers 404 for an unknown schedule, 409 for an ambiguous one, 405 for an unknown action', async () => {
    expect((await call(base, 'POST', '/schedules/nope/trigger')).body).toEqual({
      error: 'not_found',
      error_description: 'no schedule "nope": GET /schedules lists them',
    });
    expect((await call(base, 'POST', '/schedules/poll/trigger')).status).toBe(409);
    expect((await call(base, 'GET', '/schedules/orders%2Fpoll/trigger')).status).toBe(405);
    expect(poll.triggered).toBe(1);
  });

  it('serves queue gauges and delivery and tick counters at /metrics, a failing or hanging queue left out', async () => {
    metrics.queueDelivery('orders', 'invoices', 'ok');
    metrics.queueDelivery('orders', 'invoices', 'ok');
    metrics.queueDelivery('orders', 'invoices', 'dead-lettered');
    metrics.scheduleTick('orders', 'poll', 'skipped');
    const failing = queues.add('orders/failing');
    failing.failure = 'reject';
    const hanging = queues.add('orders/hanging');
    hanging.failure = 'hang';
    try {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('flowrt_queue_waiting{app="orders",queue="invoices"} 3\n');
      expect(text).toContain('flowrt_queue_active{app="orders",queue="invoices"} 1\n');
      expect(text).toContain('flowrt_queue_dead_letters{app="orders",queue="invoices"} 4\n');
      expect(text).toContain('flowrt_queue_waiting{app="orders",queue="audit/eu"} 0\n');
      expect(text).toContain('flowrt_queue_deliveries_total{app="orders",queue="invoices",outcome="ok"} 2\n');
      expect(text).toContain('flowrt_queue_deliveries_total{app="orders",queue="invoices",outcome="dead-lettered"} 1\n');
      expect(text).toContain('flowrt_schedule_ticks_total{app="orders",flow="poll",outcome="skipped"} 1\n');
      expect(text).toContain('flowrt_schedule_paused{app="orders",flow="poll"} 0\n');
      expect(text).not.toMatch(/queue="(failing|hanging)"/);
    } finally {
      queues.queues.delete('orders/failing');
      queues.queues.delete('orders/hanging');
    }
  });
});

describe('admin API: queues and schedules of a runtime hosting apps', () => {
  it('serves the routes next to the apps', async () => {
    const appsDir = await mkdtemp(join(tmpdir(), 'flowrt-host-'));
    const host = await startHost({ appsDir, log: createLogger('silent'), environment: {}, admin: { port: 0, token: ADMIN_TOKEN } });
    try {
      const base = `http://127.0.0.1:${host.adminPort}`;
      expect(await call(base, 'GET', '/queues')).toEqual({ status: 200, body: { queues: [] } });
      expect(await call(base, 'GET', '/schedules')).toEqual({ status: 200, body: { schedules: [] } });
      expect((await call(base, 'GET', '/queues/invoices')).status).toBe(404);
      expect((await call(base, 'GET', '/schedules', { token: '' })).status).toBe(401);
    } finally {
      await host.stop();
      await rm(appsDir, { recursive: true, force: true });
    }
  });
});
