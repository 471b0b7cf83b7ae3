import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { createLogger } from '../../src/index.js';
import type { LogLine } from '../helpers/app.js';
import { mule, writeApp } from '../helpers/app.js';
import { expectOnGrid, until } from '../queues/schedule-conformance.js';
import { fired } from './scheduler-logs.js';

/*
 * Schedulers of runtimes sharing a Redis (`startRuntime({ redis })`, as `flowrt start --redis`):
 * each tick runs on one of them, and a hot reload of one hands its part over without a tick
 * doubled.
 */

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const P = 200;
const runtimes: Runtime[] = [];
const dirs: string[] = [];
const apps: string[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  for (const app of apps) {
    const keys = await redis.keys(`flowrt:schedules:${app}*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

function flow(message: string, frequency = P): string {
  return mule(
    `<flow name="poll">
      <scheduler disallowConcurrentExecution="true"><scheduling-strategy><fixed-frequency frequency="${frequency}"/></scheduling-strategy></scheduler>
      <logger message="${message}"/>
    </flow>`,
    { listener: false },
  );
}

/** An app folder of a name of its own (its schedule is `<name>/poll` on the shared Redis). */
async function app(): Promise<string> {
  const name = `sched-test-${randomUUID()}`;
  apps.push(name);
  const dir = await writeApp({ 'flows/app.xml': flow('v1'), 'flowrt-app.json': JSON.stringify({ name }) });
  dirs.push(dir);
  return dir;
}

async function runtime(dir: string): Promise<{ runtime: Runtime; logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const started = await startRuntime({ dir, log: createLogger('trace', false, stream), redis: REDIS_URL, environment: {} });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  runtimes.push(started.runtime);
  return { runtime: started.runtime, logs };
}

const count = (logs: readonly LogLine[], msg: string) => logs.filter((l) => l.msg === msg).length;

describe('scheduler on Redis', () => {
  it('two runtimes of one app run each tick once between them', async () => {
    const dir = await app();
    const a = await runtime(dir);
    const b = await runtime(dir);
    await until(() => fired(a.logs).length + fired(b.logs).length >= 8, '8 ticks');
    const due = [...fired(a.logs), ...fired(b.logs)].sort((x, y) => x - y);
    expect(new Set(due).size).toBe(due.length);
    expectOnGrid(due, P);
  });

  it('a hot reload of one runtime hands its part to the new version, without a tick doubled', async () => {
    const dir = await app();
    const a = await runtime(dir);
    const b = await runtime(dir);
    await until(() => fired(a.logs).length + fired(b.logs).length >= 3, '3 ticks');
    await writeFile(join(dir, 'flows', 'app.xml'), flow('v2'));
    expect((await a.runtime.reload()).ok).toBe(true);
    const v1 = count(a.logs, 'v1');
    await until(() => count(a.logs, 'v2') + count(b.logs, 'v1') >= 6, 'ticks after the reload');
    expect(count(a.logs, 'v1')).toBe(v1);
    const due = [...fired(a.logs), ...fired(b.logs)].sort((x, y) => x - y);
    expect(new Set(due).size).toBe(due.length);
    expectOnGrid(due, P);
  });

  it('a reload with a new frequency moves every runtime to it', async () => {
    const dir = await app();
    const a = await runtime(dir);
    const b = await runtime(dir);
    await until(() => fired(a.logs).length + fired(b.logs).length >= 2, '2 ticks');
    await writeFile(join(dir, 'flows', 'app.xml'), flow('slower', 3 * P));
    expect((await a.runtime.reload()).ok).toBe(true);
    const before = fired(a.logs).length + fired(b.logs).length;
    await until(() => count(a.logs, 'slower') + count(b.logs, 'v1') >= 4, 'ticks at the new frequency');
    const due = [...fired(a.logs), ...fired(b.logs)].sort((x, y) => x - y).slice(before);
    expectOnGrid(due, 3 * P);
  });
});
