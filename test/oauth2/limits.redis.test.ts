import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { mule, writeApp } from '../helpers/app.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP = `bounds-${randomUUID().slice(0, 8)}`;
/** Every key this test's provider writes: `flowrt:<app>:oauth2:<config>:<store>:<key>`. */
const PATTERN = `flowrt:${APP}:*`;

const flows = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="svc-secret-0123456789" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>`);

let raw: Redis;
let runtime: Runtime;
let dir: string;
beforeAll(async () => {
  raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  dir = await writeApp({ 'flows/app.xml': flows, 'flowrt-app.json': JSON.stringify({ name: APP }) });
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, redis: REDIS_URL });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  runtime = started.runtime;
});
afterAll(async () => {
  await runtime?.stop();
  const keys = await keysOf();
  if (keys.length > 0) await raw.del(...keys);
  await raw?.quit();
  await rm(dir, { recursive: true, force: true });
});

async function keysOf(): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', PATTERN, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

/** The provider's keys in Redis: how many, and the bytes of their names and values. */
async function footprint(): Promise<{ keys: number; bytes: number }> {
  const keys = await keysOf();
  let bytes = 0;
  for (const key of keys) bytes += Buffer.byteLength(key) + (await raw.strlen(key));
  return { keys: keys.length, bytes };
}

const tokenRequest = (clientId: string) =>
  fetch(`http://127.0.0.1:${runtime.running.portOf('listener')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${clientId}&client_secret=guess`,
  });

async function flood(count: number, id: (i: number) => string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const res = await tokenRequest(id(next++));
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

describe('client failure counters on Redis', () => {
  it('keeps no key for 500 token requests with 60 KB client ids', async () => {
    await flood(500, (i) => `${i}-${'x'.repeat(60 * 1024)}`);
    expect(await footprint()).toEqual({ keys: 0, bytes: 0 });
  }, 60_000);

  it('keeps one fixed-size key per distinct id within the limit, the id itself nowhere', async () => {
    await flood(500, (i) => String(i).padStart(256, 'z'));
    const { keys, bytes } = await footprint();
    expect(keys).toBe(500);
    const prefix = `flowrt:${APP}:oauth2:oauth:client-failures:fail:`;
    // The prefix, a SHA-256 in hex, and a count of "1".
    expect(bytes).toBe(500 * (prefix.length + 64 + 1));
    for (const key of await keysOf()) expect(key).toMatch(new RegExp(`^${prefix}[0-9a-f]{64}$`));
  }, 60_000);
});
