// The noisy-neighbour scenario: while 8 clients send hostile requests back to back (each costs
// seconds of CPU, or would on a backtracking regex engine), one client sends a cheap request every
// 10 ms. Reported: the cheap request's latency (p50, p99, max) and what the hostile ones got.
// Goal (issue: hardening): p99 of the cheap request under 100 ms.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { reply } from './child.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const HOSTILE = 8;

const ORDER = JSON.stringify({ customer: 'ada', items: Array.from({ length: 230_000 }, (_, i) => ({ sku: `SKU${i}`, qty: 4, price: 2.5 })) });
export const NOISY_SCENARIOS = [
  {
    name: 'orders-api: 8 × POST /api/orders of a 230,000-line order (9 MB) | GET /api/orders/1001',
    dir: `${here}../examples/orders-api`,
    config: 'orders-listener',
    props: ['http.host=127.0.0.1', 'http.port=0'],
    hostile: { method: 'POST', path: '/api/orders', body: ORDER },
    cheap: '/api/orders/1001',
  },
  {
    name: "bench app: 8 × POST /api/match of 'a'×30 + '!' against /^(a+)+$/ | GET /api/hello",
    dir: `${here}app`,
    config: 'bench',
    props: ['upstream.port=9'],
    hostile: { method: 'POST', path: '/api/match', body: JSON.stringify({ text: `${'a'.repeat(30)}!` }) },
    cheap: '/api/hello',
  },
];

function send(port, agent, method, path, body) {
  return new Promise((resolve) => {
    const started = performance.now();
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.on('error', (e) => resolve({ status: e.code ?? 'error', ms: performance.now() - started }));
    req.end(body);
  });
}

export async function noisyNeighbour(scenario, durationMs) {
  const server = fork(`${here}app-server.js`, [scenario.dir, scenario.config, ...scenario.props], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await reply(server, `the app server of ${scenario.dir}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: HOSTILE + 1 });
  await send(port, agent, 'GET', scenario.cheap); // warm
  const end = performance.now() + durationMs;
  const hostile = new Map();
  const loops = Array.from({ length: HOSTILE }, async () => {
    while (performance.now() < end) {
      const { status } = await send(port, agent, scenario.hostile.method, scenario.hostile.path, scenario.hostile.body);
      hostile.set(status, (hostile.get(status) ?? 0) + 1);
    }
  });
  const cheap = [];
  const errors = [];
  while (performance.now() < end) {
    const tick = new Promise((resolve) => setTimeout(resolve, 10));
    const { status, ms } = await send(port, agent, 'GET', scenario.cheap);
    if (status !== 200) errors.push(status);
    cheap.push(ms);
    await tick;
  }
  await Promise.all(loops);
  server.send('exit');
  cheap.sort((a, b) => a - b);
  const q = (p) => cheap[Math.min(cheap.length - 1, Math.floor(p * cheap.length))];
  return { cheap: cheap.length, errors: errors.length, p50: q(0.5), p99: q(0.99), max: cheap[cheap.length - 1], hostile: Object.fromEntries(hostile) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ms = Number(process.env.NOISY_MS ?? 10_000);
  for (const s of NOISY_SCENARIOS) {
    const r = await noisyNeighbour(s, ms);
    console.log(s.name);
    console.log(
      `  cheap: ${r.cheap} requests, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms${r.errors ? `, ${r.errors} not 200` : ''}; hostile answers ${JSON.stringify(r.hostile)}\n`,
    );
  }
}
