// One side of the benchmark in its own process, so its CPU time can be measured alone: prints its
// port, then answers 'start' / 'stop' messages with CPU microseconds used between them.
// argv: side (flowrt | baseline | oauth-memory | oauth-redis), then JSON { upstreamPort, jwksPort, redisUrl }.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createLogger } from '../dist/index.js';
import { startRuntime } from '../dist/deploy/start-runtime.js';
import { RedisStoreFactory } from '../dist/stores/redis-store.js';
import { startBaseline } from './baseline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const side = process.argv[2];
const { upstreamPort, jwksPort, redisUrl } = JSON.parse(process.argv[3] ?? '{}');
const log = createLogger('silent');
const cleanups = [];

async function flowrt(dir, config, options) {
  const started = await startRuntime({ dir, log, environment: {}, ...options });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  cleanups.push(() => started.runtime.stop());
  return started.runtime.running.portOf(config);
}

/** The app's API manager document with jwksUrl pointing at this run's JWKS server. */
function managerFile() {
  const tmp = mkdtempSync(join(tmpdir(), 'flowrt-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const file = join(tmp, 'api-manager.yaml');
  writeFileSync(file, readFileSync(`${here}app/api-manager.yaml`, 'utf8').replace('http://127.0.0.1:9/jwks', `http://127.0.0.1:${jwksPort}/jwks`));
  return file;
}

/** A store factory on Redis under a key prefix of this process alone, its keys deleted at exit. */
function redisStores() {
  const prefix = `flowrt-bench-${process.pid}:`;
  const stores = new RedisStoreFactory(redisUrl, { prefix, log });
  cleanups.push(async () => {
    await stores.close();
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  });
  return stores;
}

let port;
if (side === 'flowrt') {
  port = await flowrt(`${here}app`, 'bench', { managerFile: managerFile(), props: { 'upstream.port': String(upstreamPort) } });
} else if (side === 'baseline') {
  const baseline = await startBaseline(upstreamPort, jwksPort);
  cleanups.push(baseline.stop);
  port = baseline.port;
} else if (side === 'oauth-memory' || side === 'oauth-redis') {
  port = await flowrt(`${here}oauth-app`, 'oauth-listener', side === 'oauth-redis' ? { stores: redisStores() } : {});
} else {
  throw new Error(`unknown side ${side}`);
}

let since;
process.on('message', async (message) => {
  if (message === 'start') since = process.cpuUsage();
  if (message === 'stop') {
    const used = process.cpuUsage(since);
    process.send(used.user + used.system);
  }
  if (message === 'exit') {
    for (const cleanup of cleanups.reverse()) await cleanup();
    process.exit(0);
  }
});
process.send({ port });
// The bench ended without saying 'exit' (Ctrl-C, a crash): do not outlive it.
process.on('disconnect', async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(0);
});
