import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { NAMESPACES, start, writeApp } from '../../helpers/app.js';
import type { TestApp } from '../../helpers/app.js';
import { cli, freePort, killChildren, waitFor } from '../../helpers/cli.js';
import { ownRedis } from '../../helpers/redis-server.js';
import type { OwnRedis } from '../../helpers/redis-server.js';
import { upstream } from '../../helpers/upstream.js';
import type { Upstream } from '../../helpers/upstream.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One app, two runtimes: `accept` publishes each order to a PERSISTENT queue; `work` (started only
 * where the `worker` property says so) posts each order it takes to the sink the test counts on.
 */
const FLOWS = `<?xml version="1.0" encoding="UTF-8"?>
<mule ${NAMESPACES}>
  <http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="\${http.port}"/></http:listener-config>
  <vm:config name="vm"><vm:queues><vm:queue queueName="orders" queueType="PERSISTENT"/></vm:queues></vm:config>
  <flow name="accept">
    <http:listener config-ref="listener" path="/orders"/>
    <vm:publish config-ref="vm" queueName="orders"/>
    <set-payload value="accepted"/>
  </flow>
  <flow name="work" initialState="\${worker}">
    <vm:listener config-ref="vm" queueName="orders" numberOfConsumers="8"/>
    <http:request method="POST" url="\${sink}"/>
  </flow>
</mule>
`;

const apps: TestApp[] = [];
let sink: Upstream | undefined;
let redis: OwnRedis | undefined;
afterEach(async () => {
  killChildren();
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await sink?.close();
  await redis?.stop();
  sink = undefined;
  redis = undefined;
});

function files(name: string): Record<string, string> {
  return { 'flows/app.xml': FLOWS, 'flowrt-app.json': JSON.stringify({ name }) };
}

/** How many times the sink saw each order. */
function counts(s: Upstream): Map<string, number> {
  const seen = new Map<string, number>();
  for (const r of s.received) seen.set(r.body, (seen.get(r.body) ?? 0) + 1);
  return seen;
}

describe('VM queues across runtimes (BullMQ on Redis)', () => {
  it('loses nothing when the publishing runtime is killed right after accepting 100 orders: the other runtime processes each once', async () => {
    const name = `vm-kill-${randomUUID().slice(0, 8)}`;
    sink = await upstream((_req, res) => void res.end('ok'));
    const port = await freePort();
    const dir = await writeApp(files(name));
    const publisher = cli(['start', dir, '--redis', REDIS_URL, '--prop', `http.port=${port}`, '--prop', 'worker=stopped', '--prop', `sink=${sink.base}/seen`]);
    await waitFor(() => publisher.stdout().includes('app started'), 20_000, 'the publishing runtime to start');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => fetch(`http://127.0.0.1:${port}/orders`, { method: 'POST', body: `order-${i}` }).then((r) => r.text())),
    );
    publisher.child.kill('SIGKILL');
    expect(answers.every((a) => a === 'accepted')).toBe(true);

    const worker = await start(files(name), { props: { 'flowrt.redis.url': REDIS_URL, 'http.port': '0', worker: 'started', sink: `${sink.base}/seen` } });
    apps.push(worker);
    await waitFor(() => counts(sink!).size === 100, 30_000, 'every order to reach the sink');
    // Anything delivered twice would arrive soon after the last one.
    await new Promise((r) => setTimeout(r, 500));
    const seen = counts(sink);
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(seen.keys())).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `order-${i}`)));
    await cleanUp(REDIS_URL, name);
  });

  it('hands the messages a consuming runtime held when it was killed to the other runtime, each once', async () => {
    const name = `vm-stall-${randomUUID().slice(0, 8)}`;
    // The killed runtime's calls are never answered: it dies holding its messages mid-flow.
    sink = await upstream((req, res) => {
      if (req.url === '/b') res.end('ok');
    });
    const port = await freePort();
    const dir = await writeApp(files(name));
    const lock = ['--prop', 'flowrt.vm.lockTimeout=1000'];
    const doomed = cli([
      'start',
      dir,
      '--redis',
      REDIS_URL,
      '--prop',
      `http.port=${port}`,
      '--prop',
      'worker=started',
      '--prop',
      `sink=${sink.base}/a`,
      ...lock,
    ]);
    await waitFor(() => doomed.stdout().includes('app started'), 20_000, 'the first runtime to start');
    for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/orders`, { method: 'POST', body: `order-${i}` });
    await waitFor(() => sink!.received.filter((r) => r.url === '/a').length === 8, 10_000, 'the first runtime to hold 8 messages');
    doomed.child.kill('SIGKILL');

    const survivor = await start(files(name), {
      props: { 'flowrt.redis.url': REDIS_URL, 'http.port': '0', worker: 'started', sink: `${sink.base}/b`, 'flowrt.vm.lockTimeout': '1000' },
    });
    apps.push(survivor);
    const atB = (): Map<string, number> => counts({ ...sink!, received: sink!.received.filter((r) => r.url === '/b') });
    await waitFor(() => atB().size === 20, 30_000, 'every order to reach the surviving runtime');
    await new Promise((r) => setTimeout(r, 500));
    expect([...atB().values()].filter((n) => n !== 1)).toEqual([]);
    await cleanUp(REDIS_URL, name);
  });

  it('answers VM:CONNECTIVITY while Redis is down, and publishes and delivers again once it is back', async () => {
    redis = await ownRedis();
    sink = await upstream((_req, res) => void res.end('ok'));
    const app = await start(files(`vm-redis-${randomUUID().slice(0, 8)}`), {
      props: { 'flowrt.redis.url': redis.url, 'http.port': '0', worker: 'started', sink: `${sink.base}/seen` },
    });
    apps.push(app);
    expect(await (await fetch(app.url('/orders'), { method: 'POST', body: 'before' })).text()).toBe('accepted');
    await waitFor(() => counts(sink!).has('before'), 10_000, 'the first order to be processed');
    await redis.kill();
    const down = await fetch(app.url('/orders'), { method: 'POST', body: 'during' });
    expect(down.status).toBe(500);
    expect(await down.text()).toContain('VM queue orders');
    await redis.restart();
    const until = Date.now() + 20_000;
    let answer = '';
    while (Date.now() < until && answer !== 'accepted') {
      answer = await (await fetch(app.url('/orders'), { method: 'POST', body: 'after' })).text();
      if (answer !== 'accepted') await new Promise((r) => setTimeout(r, 200));
    }
    expect(answer).toBe('accepted');
    await waitFor(() => counts(sink!).has('after'), 20_000, 'the order published after the restart to be processed');
    expect(counts(sink).has('during')).toBe(false);
  });
});

/** Deletes what the test's queues left in the shared Redis. */
async function cleanUp(url: string, app: string): Promise<void> {
  const client = new Redis(url);
  try {
    const keys = await client.keys(`*${app}*`);
    if (keys.length) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
