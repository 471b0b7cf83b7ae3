// Cold start: `flowrt --help`; an app of 50 flows from the spawn of `flowrt start` to its first
// 200 answer, and the RSS of that process then; `flowrt validate` of the same app. Wall times,
// medians of several runs, the commands run as a user runs them: not pinned, since a cold start
// also uses the cores its runtime's background threads (GC, compiler) get.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bin a user runs (package.json's: the bundled CLI in dist/bin/).
const PACKAGE = fileURLToPath(new URL('../package.json', import.meta.url));
const CLI = join(PACKAGE, '..', JSON.parse(readFileSync(PACKAGE, 'utf8')).bin.flowrt);
const FLOWS = 50;
const PER_FILE = 5;
const START_TIMEOUT_MS = 15_000;

function command(args) {
  return [process.execPath, CLI, ...args];
}

/** 50 flows in 10 files, each with its own listener path, a variable, a choice and a transform. */
export function writeApp(dir) {
  mkdirSync(join(dir, 'flows'), { recursive: true });
  writeFileSync(
    join(dir, 'flows/global.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:http="http://www.mulesoft.org/schema/mule/http">
  <http:listener-config name="api" basePath="/api">
    <http:listener-connection host="127.0.0.1" port="\${http.port}"/>
  </http:listener-config>
</mule>
`,
  );
  for (let f = 0; f < FLOWS / PER_FILE; f++) {
    const flows = Array.from({ length: PER_FILE }, (_, k) => {
      const i = f * PER_FILE + k;
      return `  <flow name="resource-${i}">
    <http:listener config-ref="api" path="/r${i}/{id}" allowedMethods="GET,POST"/>
    <set-variable variableName="id" value="#[attributes.uriParams.id]"/>
    <choice>
      <when expression="#[attributes.method = 'POST']">
        <ee:transform>
          <ee:message>
            <ee:set-payload><![CDATA[{ "resource": ${i}, "id": vars.id, "received": payload, "at": $now() }]]></ee:set-payload>
          </ee:message>
        </ee:transform>
      </when>
      <otherwise>
        <set-payload value="#[{ 'resource': ${i}, 'id': vars.id, 'name': $uppercase('item-' &amp; vars.id) }]"/>
      </otherwise>
    </choice>
    <logger level="DEBUG" message="#['resource ${i} answered ' &amp; vars.id]"/>
  </flow>`;
    });
    writeFileSync(
      join(dir, `flows/resources-${f}.xml`),
      `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:http="http://www.mulesoft.org/schema/mule/http"
      xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core">
${flows.join('\n')}
</mule>
`,
    );
  }
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Wall ms of a command run to its end; rejects when it fails. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const [cmd, ...rest] = command(args);
    const t0 = performance.now();
    const child = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`flowrt ${args[0]} exited with ${code}: ${stderr.slice(0, 500)}`)),
    );
  });
}

function get(port, path) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
  });
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** Spawn of `flowrt start` to its first 200, polled every 2 ms; then its RSS. */
async function startOnce(dir) {
  const port = await freePort();
  const [cmd, ...rest] = command(['start', dir, '--prop', `http.port=${port}`, '--log-level', 'warn']);
  const t0 = performance.now();
  const child = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    while (performance.now() - t0 < START_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`flowrt start exited with ${child.exitCode}: ${stderr.slice(0, 500)}`);
      if ((await get(port, '/api/r0/1')) === 200) {
        const ms = performance.now() - t0;
        return { ms, rss: rssMb(child.pid) };
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`flowrt start did not answer 200 within ${START_TIMEOUT_MS / 1000} s`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rows for the bench table: { help, start, rss, validate }, each { value, runs } or { error }. */
export async function startupBench({ helpRuns = 5, startRuns = 3, validateRuns = 3 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flowrt-bench-50-'));
  const out = {};
  const attempt = async (key, fn) => {
    try {
      out[key] = await fn();
    } catch (e) {
      out[key] = { error: e.message };
    }
  };
  try {
    writeApp(dir);
    await attempt('help', async () => {
      const runs = [];
      for (let i = 0; i < helpRuns; i++) runs.push(await timed(['--help']));
      return { value: median(runs), runs };
    });
    await attempt('start', async () => {
      const runs = [];
      for (let i = 0; i < startRuns; i++) runs.push(await startOnce(dir));
      out.rss = { value: median(runs.map((r) => r.rss)), runs: runs.map((r) => r.rss) };
      return { value: median(runs.map((r) => r.ms)), runs: runs.map((r) => r.ms) };
    });
    out.rss ??= out.start;
    await attempt('validate', async () => {
      const runs = [];
      for (let i = 0; i < validateRuns; i++) runs.push(await timed(['validate', dir, '--prop', 'http.port=8081']));
      return { value: median(runs), runs };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await startupBench(), null, 1));
