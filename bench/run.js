// npm run bench: flowrt against the same work hand-written in Koa + JSONata, in the same run,
// reported as a ratio. Each side is measured twice, alternating, after a warm-up.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createLogger, loadApp, runApp } from '../dist/index.js';
import { startBaseline } from './baseline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const DURATION = Number(process.env.BENCH_MS ?? 4000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ORDER = JSON.stringify({ id: 'o-1', total: 250, lines: [{ qty: 2, price: 50 }, { qty: 3, price: 50 }] });
const SCENARIOS = [
  { name: 'GET /api/hello (set-variable + transform)', path: '/api/hello?name=Ann', method: 'GET', body: '' },
  { name: 'POST /api/orders (JSON body + choice + transform)', path: '/api/orders', method: 'POST', body: ORDER },
];

// Async: the servers under test run in this process and must keep serving while the load runs.
async function load(port, scenario, ms) {
  const args = [`${here}load.js`, `http://127.0.0.1:${port}${scenario.path}`, String(CONNECTIONS), String(ms), scenario.method, scenario.body];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout);
}

const log = createLogger('silent');
const loaded = await loadApp({ dir: `${here}app`, log, environment: {} });
if (!loaded.app) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
const flowrt = await runApp(loaded.app, log);
const baseline = await startBaseline();
const sides = { flowrt: flowrt.portOf('bench'), baseline: baseline.port };

console.log(`${CONNECTIONS} connections, ${DURATION} ms per run, node ${process.version}\n`);
for (const scenario of SCENARIOS) {
  for (const port of Object.values(sides)) await load(port, scenario, 1000);
  const results = { flowrt: [], baseline: [] };
  for (let round = 0; round < 2; round++) {
    for (const [side, port] of Object.entries(sides)) results[side].push(await load(port, scenario, DURATION));
  }
  const best = (side) => results[side].reduce((a, b) => (b.rps > a.rps ? b : a));
  const f = best('flowrt');
  const b = best('baseline');
  if (f.errors || b.errors) console.log(`  errors: flowrt ${f.errors}, baseline ${b.errors}`);
  console.log(scenario.name);
  console.log(`  flowrt    ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms`);
  console.log(`  baseline  ${b.rps.toFixed(0).padStart(7)} req/s  p50 ${b.p50.toFixed(2)} ms  p99 ${b.p99.toFixed(2)} ms`);
  console.log(`  ratio     ${(f.rps / b.rps).toFixed(2)} (flowrt / hand-written)\n`);
}
await flowrt.stop();
await baseline.stop();
