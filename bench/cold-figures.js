// Cold-start figures of issue 17, as medians of repeated runs of the built CLI (run `npm run build`
// first): `flowrt --help`; `flowrt start` of the 50-flow app, from spawn to its first 200 response;
// RSS (VmRSS) once started and idle; `flowrt validate` of the same app.
//
//   node bench/cold-figures.js [runs=7]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_PATH, writeFiftyFlows } from './fifty-flows.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const RUNS = Number(process.argv[2] ?? 7);
const SETTLE_MS = 1000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(args) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`flowrt ${args[0]} exited with ${code}`))));
  });
}

function get(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: FIRST_PATH, agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startOnce(dir, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'start', dir, '--prop', `http.port=${port}`, '--log-level', 'warn'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (let tries = 0; ; tries++) {
      if ((await get(port)) === 200) break;
      if (child.exitCode !== null || tries > 5000) throw new Error('flowrt start never answered');
      await sleep(2);
    }
    const firstMs = performance.now() - t0;
    await sleep(SETTLE_MS);
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
    return { firstMs, rssMb };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const dir = writeFiftyFlows(mkdtempSync(join(tmpdir(), 'fifty-flows-')));
try {
  const help = [];
  const validate = [];
  const first = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    help.push(await run(['--help']));
    validate.push(await run(['validate', dir]));
    const s = await startOnce(dir, 18000 + (process.pid % 1000) * 10 + i);
    first.push(s.firstMs);
    rss.push(s.rssMb);
  }
  const row = (name, xs, unit, goal) =>
    console.log(
      `${name.padEnd(34)} median ${median(xs).toFixed(0).padStart(5)} ${unit}  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})  goal ≤ ${goal}`,
    );
  console.log(`${RUNS} runs, node ${process.version}`);
  row('flowrt --help', help, 'ms', 150);
  row('50 flows: spawn → first 200', first, 'ms', 500);
  row('50 flows: RSS after start', rss, 'MB', 80);
  row('flowrt validate (50 flows)', validate, 'ms', 400);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
