// Cold-start figures of issue 17, as medians of repeated runs of the built CLI (run `npm run build`
// first): `flowrt --help`; `flowrt start` of the 50-flow app, from spawn to its first 200 response;
// RSS (VmRSS) once started and idle; `flowrt validate` of the same app. Each with the CPU time the
// process spent (user + system), the steadier figure when other work shares the cores.
//
//   node bench/cold-figures.js [runs=7]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_PATH, writeFiftyFlows } from './fifty-flows.js';

// The bin a user runs (package.json's: the bundled CLI in dist/bin/). FLOWRT_CLI: another build's
// entry (dist/cli/main.js is tsc's, unbundled), to compare two builds in the same conditions.
const PACKAGE = fileURLToPath(new URL('../package.json', import.meta.url));
const CLI = process.env.FLOWRT_CLI ?? join(PACKAGE, '..', JSON.parse(readFileSync(PACKAGE, 'utf8')).bin.flowrt);
const RUNS = Number(process.argv[2] ?? 7);
const SETTLE_MS = 1000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// CPU seconds (user + system) a process has spent, from /proc (clock ticks of 10 ms).
function cpuMs(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// A command run to its end under /usr/bin/time, which reports its CPU time.
function run(args) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - t0;
      const [user, sys] = err.trim().split('\n').at(-1).split(' ').map(Number);
      if (code === 0) resolve({ wallMs, cpuMs: (user + sys) * 1000 });
      else reject(new Error(`flowrt ${args[0]} exited with ${code}: ${err}`));
    });
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
    const firstCpuMs = cpuMs(readFileSync(`/proc/${child.pid}/stat`, 'utf8'));
    await sleep(SETTLE_MS);
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
    return { firstMs, firstCpuMs, rssMb };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const dir = writeFiftyFlows(mkdtempSync(join(tmpdir(), 'fifty-flows-')));
try {
  const figures = { help: [], helpCpu: [], validate: [], validateCpu: [], first: [], firstCpu: [], rss: [] };
  for (let i = 0; i < RUNS; i++) {
    const help = await run(['--help']);
    const validate = await run(['validate', dir]);
    const start = await startOnce(dir, 18000 + (process.pid % 1000) * 10 + i);
    figures.help.push(help.wallMs);
    figures.helpCpu.push(help.cpuMs);
    figures.validate.push(validate.wallMs);
    figures.validateCpu.push(validate.cpuMs);
    figures.first.push(start.firstMs);
    figures.firstCpu.push(start.firstCpuMs);
    figures.rss.push(start.rssMb);
  }
  const spread = (xs) => `median ${median(xs).toFixed(0).padStart(5)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const row = (name, xs, cpu, unit, goal) =>
    console.log(`${name.padEnd(30)} ${spread(xs)} ${unit}${cpu ? `  cpu ${spread(cpu)} ms` : ''}  goal ≤ ${goal} ${unit}`);
  console.log(`${RUNS} runs, node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  row('flowrt --help', figures.help, figures.helpCpu, 'ms', 150);
  row('50 flows: spawn → first 200', figures.first, figures.firstCpu, 'ms', 500);
  row('50 flows: RSS after start', figures.rss, undefined, 'MB', 80);
  row('flowrt validate (50 flows)', figures.validate, figures.validateCpu, 'ms', 400);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
