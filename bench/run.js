// npm run bench: flowrt against the same work hand-written in Koa + @koa/router + jose + JSONata,
// side by side in one run (issue 17). Each server runs in its own process pinned to one core, the
// load comes from processes pinned to the other; every scenario runs BENCH_ROUNDS rounds per side
// (default 3) and reports medians. The ratio is baseline CPU µs per request / flowrt's, the
// steady figure on a small machine; req/s is shown beside it. Ends with one table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { expressionBench } from './expressions.js';
import { NOISY_SCENARIOS, noisyNeighbour } from './noisy-neighbour.js';
import { pinning } from './pin.js';
import { helper, Side } from './sides.js';
import { startupBench } from './startup.js';
import { limitRow, printTable, ratioRow, summarize, tokenRow } from './table.js';
import { importPrivate, keyPair, signPool, signToken } from './tokens.js';

const DURATION = Number(process.env.BENCH_MS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FRESH = Number(process.env.BENCH_FRESH_TOKENS ?? 4000);
// Warm-up: 1.5 s and at least 2,000 requests (up to 6 s), so that a slow, busy machine warms the JIT too.
const WARM_MS = 1500;
const WARM = { minRequests: 2000, maxMs: 6000 };
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ORDER = JSON.stringify({
  id: 'o-1',
  total: 250,
  lines: [
    { qty: 2, price: 50 },
    { qty: 3, price: 50 },
  ],
});
// The secured transform's order: 12 lines.
const ORDER12 = JSON.stringify({
  id: 'o-12',
  currency: 'EUR',
  lines: Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${100 + i}`, name: `Item ${i + 1}`, qty: (i % 6) + 1, price: 4.5 + i * 1.25 })),
});

const tmp = mkdtempSync(join(tmpdir(), 'flowrt-bench-tokens-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const HS_TOKEN = await new SignJWT({ sub: 'ann', scope: 'orders:read' })
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode('bench-secret-bench-secret-bench-secret'));
const keys = await keyPair();
const RS_TOKEN = await signToken(await importPrivate(keys.privateJwk), 'reused');

const json = { method: 'POST', body: ORDER, contentType: 'application/json' };
const SCENARIOS = [
  { name: 'hello: GET /api/hello (set-variable + transform)', path: '/api/hello?name=Ann', method: 'GET', goal: 1.2 },
  { name: 'orders: POST /api/orders (JSON body + choice + transform)', path: '/api/orders', ...json, goal: 1.2 },
  { name: 'orders-dw: the same in DataWeave', path: '/api/orders-dw', ...json, goal: 1.2 },
  { name: 'proxy: GET /api/stock/{sku} (http:request + set-payload)', path: '/api/stock/PEN', method: 'GET', goal: 1.2 },
  { name: 'jwt HS256, reused token + set-payload', path: '/api/secure', method: 'GET', authorization: `Bearer ${HS_TOKEN}` },
  {
    name: 'secured transform: RS256 JWKS, reused token + JSONata over 12 lines',
    path: '/api/secured/orders',
    ...json,
    body: ORDER12,
    authorization: `Bearer ${RS_TOKEN}`,
    goal: 2.5,
  },
  { name: 'secured transform, fresh token per request', path: '/api/secured/orders', ...json, body: ORDER12, fresh: true, goal: 1.2 },
];
const TOKEN_SCENARIOS = [
  { name: 'token endpoint, client_credentials, memory store', side: 'oauth-memory', goal: 5000 },
  { name: 'token endpoint, client_credentials, Redis store', side: 'oauth-redis', goal: 3000 },
];
const TOKEN_REQUEST = {
  path: '/token',
  method: 'POST',
  body: 'grant_type=client_credentials&scope=READ',
  contentType: 'application/x-www-form-urlencoded',
  authorization: `Basic ${Buffer.from('bench-client:bench-client-secret-0123456789abcdef').toString('base64')}`,
};

/** Fresh-token pools: one file per (side, round) and per warm-up, no token in two of them. */
async function freshPools(sides) {
  const files = new Map();
  const slots = [];
  for (const side of sides) {
    slots.push([`${side}-warm`, WARM.minRequests]);
    for (let r = 0; r < ROUNDS; r++) slots.push([`${side}-${r}`, FRESH]);
  }
  const total = slots.reduce((n, [, k]) => n + k, 0);
  const t0 = performance.now();
  const pool = await signPool(keys.privateJwk, total, 'fresh');
  const s = (performance.now() - t0) / 1000;
  console.log(
    `  signed ${total} RS256 tokens in ${s.toFixed(1)} s (${(total / s).toFixed(0)}/s on ${Math.min(availableParallelism(), 4)} worker threads), before the timed rounds`,
  );
  let at = 0;
  for (const [slot, k] of slots) {
    const file = join(tmp, `${slot}.txt`);
    writeFileSync(file, pool.slice(at, at + k).join('\n'));
    at += k;
    files.set(slot, file);
  }
  return files;
}

const spec = (scenario, durationMs) => ({
  path: scenario.path,
  method: scenario.method,
  body: scenario.body ?? '',
  contentType: scenario.contentType,
  authorization: scenario.authorization,
  connections: CONNECTIONS,
  durationMs,
});

/**
 * Both sides must do the same work: one request each, and their JSON answers compared (the
 * per-request correlationId aside). Undefined when they agree, else what differs.
 */
async function sameAnswers(scenario, sides) {
  const answers = [];
  for (const side of sides) {
    try {
      if (!side.child || side.child.exitCode !== null) await side.start();
      const res = await fetch(`http://127.0.0.1:${side.port}${scenario.path}`, {
        method: scenario.method,
        body: scenario.body || undefined,
        headers: {
          ...(scenario.contentType ? { 'content-type': scenario.contentType } : {}),
          ...(scenario.authorization || scenario.fresh ? { authorization: scenario.authorization ?? `Bearer ${RS_TOKEN}` } : {}),
        },
      });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.parse(text);
        delete body.correlationId;
      } catch {
        // not JSON: compared as text
      }
      answers.push(`${res.status} ${JSON.stringify(body)}`);
    } catch (e) {
      answers.push(`no answer: ${e.message}`);
    }
  }
  return answers.every((a) => a === answers[0]) ? undefined : answers.map((a, i) => `${sides[i].name}: ${a.slice(0, 300)}`).join('; ');
}

/** Warm-up, then ROUNDS rounds of every side (alternating who goes first); the rounds per side. */
async function rounds(scenario, sides, pools) {
  const results = Object.fromEntries(sides.map((s) => [s.name, []]));
  const run = async (side, slot, ms, extra = {}) => {
    const tokensFile = pools?.get(`${side.name}-${slot}`);
    try {
      return await side.measure({ ...spec(scenario, ms), ...extra, tokensFile });
    } catch (e) {
      return { error: e.message };
    }
  };
  for (const side of sides) await run(side, 'warm', WARM_MS, WARM);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...sides].reverse() : sides;
    for (const side of order) results[side.name].push(await run(side, r, DURATION));
  }
  return results;
}

function progress(name, results) {
  console.log(name);
  for (const [side, list] of Object.entries(results)) {
    const shown = list.map((r) =>
      r.error
        ? `FAIL ${r.error}`
        : `${r.cpuPerRequest.toFixed(1)} µs/req ${r.rps.toFixed(0)}/s${r.errors ? ` ${r.errors} not 200 ${JSON.stringify(r.statuses)}` : ''}`,
    );
    console.log(`  ${side.padEnd(12)} ${shown.join(' | ')}`);
  }
}

const model = cpus()[0]?.model ?? 'unknown CPU';
console.log(`flowrt bench: node ${process.version}, ${availableParallelism()} cores (${model})`);
console.log(`${pinning()}; ${CONNECTIONS} connections, ${DURATION} ms per round, medians of ${ROUNDS} rounds per side\n`);

// Expressions alone: the orders mapping compiled from DataWeave against the jsonata library.
await expressionBench();

const rows = [];
const upstream = await helper('upstream.js', [], 'the upstream');
const jwks = await helper('jwks.js', [JSON.stringify(keys.publicJwk)], 'the JWKS server');
const args = { upstreamPort: upstream.port, jwksPort: jwks.port, redisUrl: REDIS_URL };
const sides = [new Side('flowrt', args), new Side('baseline', args)];
console.log('Per round (flowrt | baseline, CPU µs per request and req/s):');
for (const scenario of SCENARIOS) {
  const pools = scenario.fresh ? await freshPools(sides.map((s) => s.name)) : undefined;
  const differ = await sameAnswers(scenario, sides);
  const results = await rounds(scenario, sides, pools);
  progress(scenario.name, results);
  if (differ) console.log(`  FAIL: the two sides answer differently: ${differ}`);
  const flowrt = summarize(results.flowrt);
  rows.push(
    ratioRow(
      scenario.name,
      differ && !flowrt.error ? { error: 'answers differ from the baseline (see above)' } : flowrt,
      summarize(results.baseline),
      scenario.goal,
    ),
  );
}
for (const s of sides) await s.stop();

for (const scenario of TOKEN_SCENARIOS) {
  const side = new Side(scenario.side, args);
  const results = await rounds({ ...TOKEN_REQUEST, ...scenario }, [side]);
  progress(scenario.name, results);
  rows.push(tokenRow(scenario.name, summarize(results[scenario.side]), scenario.goal));
  await side.stop();
}
upstream.child.kill();
jwks.child.kill();

console.log('\nStartup (wall time, not pinned)');
const startup = await startupBench();
rows.push(limitRow('startup: flowrt --help (median of 5)', startup.help, 'ms', 150));
rows.push(limitRow('startup: 50-flow app, spawn to first 200 (median of 3)', startup.start, 'ms', 500));
rows.push(limitRow('startup: RSS of that process after its first answer', startup.rss, 'MB', 80));
rows.push(limitRow('startup: flowrt validate of the 50 flows (median of 3)', startup.validate, 'ms', 400));

// Noisy neighbours: flowrt alone (a hand-written Koa + JSONata server stalls for seconds here).
console.log('\nNoisy neighbours: a cheap request every 10 ms beside 8 hostile clients (goal: p99 < 100 ms)');
for (const scenario of NOISY_SCENARIOS) {
  try {
    const r = await noisyNeighbour(scenario, Number(process.env.BENCH_NOISY_MS ?? 8000));
    console.log(scenario.name);
    console.log(
      `  cheap     ${String(r.cheap).padStart(5)} requests  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms${r.errors ? `  ${r.errors} not 200` : ''}`,
    );
    console.log(`  hostile   answered ${JSON.stringify(r.hostile)}\n`);
  } catch (e) {
    console.log(`${scenario.name}\n  FAIL: ${e.message}\n`);
  }
}

console.log(`Summary: CPU µs per request (medians of ${ROUNDS} rounds), ratio = baseline CPU / flowrt CPU (higher is better for flowrt)`);
printTable(rows);
process.exit(rows.some((r) => r[5] === 'FAIL') ? 1 : 0);
