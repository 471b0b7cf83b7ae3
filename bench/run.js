// npm run bench: flowrt against the same work hand-written in Koa + @koa/router + JSONata, in
// the same run. Each server runs in its own process; the load comes from a third. Reported:
// requests per second, latency, and server CPU time per request, the steadier figure on a
// small machine where load generator and server share the cores.
import { execFile, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { reply } from './child.js';
import { NOISY_SCENARIOS, noisyNeighbour } from './noisy-neighbour.js';
import { expressionBench } from './expressions.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const DURATION = Number(process.env.BENCH_MS ?? 4000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ORDER = JSON.stringify({
  id: 'o-1',
  total: 250,
  lines: [
    { qty: 2, price: 50 },
    { qty: 3, price: 50 },
  ],
});
const SCENARIOS = [
  { name: 'GET /api/hello (set-variable + transform)', path: '/api/hello?name=Ann', method: 'GET', body: '' },
  { name: 'POST /api/orders (JSON body + choice + transform)', path: '/api/orders', method: 'POST', body: ORDER },
  { name: 'POST /api/orders-dw (the same in DataWeave: JSON body + choice + transform)', path: '/api/orders-dw', method: 'POST', body: ORDER },
  { name: 'GET /api/stock/{sku} (http:request to an upstream + set-payload)', path: '/api/stock/PEN', method: 'GET', body: '' },
  { name: 'GET /api/secure (jwt-validation HS256 + set-payload over the claims)', path: '/api/secure', method: 'GET', body: '', auth: true },
];

async function server(side, upstreamPort) {
  const child = fork(`${here}server.js`, [side, String(upstreamPort)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await reply(child, `the ${side} server`);
  const ask = (message) => {
    const answer = reply(child, `the ${side} server`);
    child.send(message);
    return answer;
  };
  return { port, child, ask };
}

// One token for every request, as a client holding an access token sends it.
const TOKEN = await new SignJWT({ sub: 'ann', scope: 'orders:read' })
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode('bench-secret-bench-secret-bench-secret'));

async function load(port, scenario, ms) {
  const args = [
    `${here}load.js`,
    `http://127.0.0.1:${port}${scenario.path}`,
    String(CONNECTIONS),
    String(ms),
    scenario.method,
    scenario.body,
    scenario.auth ? `Bearer ${TOKEN}` : '',
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout);
}

async function measure(s, scenario) {
  s.child.send('start');
  const result = await load(s.port, scenario, DURATION);
  const cpu = await s.ask('stop');
  return { ...result, cpuPerRequest: cpu / result.requests };
}

// Expressions alone: the orders mapping compiled from DataWeave against the jsonata library.
await expressionBench();

// The upstream both sides call, in a process of its own.
const upstream = fork(`${here}upstream.js`, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port: upstreamPort } = await reply(upstream, 'the upstream');
const sides = { flowrt: await server('flowrt', upstreamPort), baseline: await server('baseline', upstreamPort) };
console.log(`${CONNECTIONS} connections, ${DURATION} ms per run, best of 2, node ${process.version}\n`);
for (const scenario of SCENARIOS) {
  for (const s of Object.values(sides)) await load(s.port, scenario, 1000);
  const results = { flowrt: [], baseline: [] };
  for (let round = 0; round < 2; round++) {
    for (const [side, s] of Object.entries(sides)) results[side].push(await measure(s, scenario));
  }
  const best = (side) => results[side].reduce((a, b) => (b.cpuPerRequest < a.cpuPerRequest ? b : a));
  const f = best('flowrt');
  const b = best('baseline');
  const line = (label, r) =>
    `  ${label.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  cpu ${r.cpuPerRequest.toFixed(1)} µs/req${r.errors ? `  ${r.errors} errors` : ''}`;
  console.log(scenario.name);
  console.log(line('flowrt', f));
  console.log(line('baseline', b));
  console.log(
    `  ratio     ${(b.cpuPerRequest / f.cpuPerRequest).toFixed(2)} by CPU per request, ${(f.rps / b.rps).toFixed(2)} by req/s (1.00 = as fast as hand-written)\n`,
  );
}
for (const s of Object.values(sides)) s.child.send('exit');
upstream.kill();

// Noisy neighbours: flowrt alone (a hand-written Koa + JSONata server stalls for seconds here).
console.log('Noisy neighbours: a cheap request every 10 ms beside 8 hostile clients (goal: p99 < 100 ms)');
for (const scenario of NOISY_SCENARIOS) {
  const r = await noisyNeighbour(scenario, Number(process.env.BENCH_NOISY_MS ?? 8000));
  console.log(scenario.name);
  console.log(
    `  cheap     ${String(r.cheap).padStart(5)} requests  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms${r.errors ? `  ${r.errors} not 200` : ''}`,
  );
  console.log(`  hostile   answered ${JSON.stringify(r.hostile)}\n`);
}
