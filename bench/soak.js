// npm run soak (not in CI): the secured demo under steady traffic for a long time, with hot reloads of
// its flows and edits of its API-manager policies while it serves. Reported every window: requests,
// errors, latency (p50/p99/max), the runtime's RSS; at the end the totals, p99 per window, RSS growth
// after warm-up, and how fast each edit showed. Exit 0 only with no error and RSS within 20 % of its
// warm-up level; otherwise exit 1 with the reasons.
//
// The app, built in a temp folder: examples/oauth-provider (its /api/orders protected by
// oauth2-provider:validate-token) plus flows/soak.xml, an API ("soak-api") governed by api-manager.yaml
// with client-id-enforcement, rate-limiting (far above the soak rate), header-injection and
// json-threat-protection. The traffic is started on a timer (open loop, so a stall shows as latency):
// one client-credentials token request a second, GET /api/orders with the latest token, GET and POST
// (small JSON) /soak/items with the client's credentials, and a few requests that must be refused (401).
// Every request has one expected status; any other, a connection error, a timeout, or a start skipped
// at the in-flight cap is an error. Tokens live an hour: the runtime holds one more each second by design.
//
// SOAK_SECONDS (600), SOAK_RATE (200 requests/s), SOAK_RELOAD_EVERY (20 s between flow edits),
// SOAK_POLICY_EVERY (30 s between api-manager.yaml edits), SOAK_REPORT_EVERY (30 s).
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) {
    console.error(`${name} must be a positive number, got "${process.env[name]}"`);
    process.exit(2);
  }
  return value;
};
const SECONDS = setting('SOAK_SECONDS', 600);
const RATE = setting('SOAK_RATE', 200);
const RELOAD_EVERY = setting('SOAK_RELOAD_EVERY', 20);
const POLICY_EVERY = setting('SOAK_POLICY_EVERY', 30);
const REPORT_EVERY = setting('SOAK_REPORT_EVERY', 30);
const MAX_IN_FLIGHT = 256;
const REQUEST_TIMEOUT_MS = 30_000;
const EDIT_TIMEOUT_MS = 30_000;
const SLOW_EDIT_MS = 5_000;
const RSS_GROWTH_LIMIT = 0.2;

const CLIENT = { id: 'soak-client', secret: randomBytes(24).toString('base64url') };
const BILLING = 'billing:billing-secret-change-me-0123456789'; // the example's client-credentials client
// Far above what the soak sends, so no 429 is expected; policy edits switch between the two.
const LIMITS = [Math.max(1000, RATE * 20), Math.max(2000, RATE * 40)];

const soakXml = ({ version, extra }) => `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core"
      xmlns:http="http://www.mulesoft.org/schema/mule/http"
      xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway">
  <api-gateway:autodiscovery apiId="soak-api" flowRef="soak-items"/>
  <!-- Governed by api-manager.yaml: the policies' work shows in the answer (client, injected header). -->
  <flow name="soak-items">
    <http:listener config-ref="listener" path="/soak/items"/>
    <set-payload value="#[{ 'version': '${version}', 'method': attributes.method, 'policy': attributes.headers['x-soak-policy'], 'client': vars.client.clientId, 'received': payload }]"/>
  </flow>${
    extra
      ? `
  <flow name="soak-extra">
    <http:listener config-ref="listener" path="/soak/extra"/>
    <set-payload value="#[{ 'extra': '${version}' }]"/>
  </flow>`
      : ''
  }
</mule>
`;

const managerYaml = ({ mark, limit }) => `apis:
  - apiId: soak-api
    policies:
      - id: client-id-enforcement
        config: { clientIdExpression: "#[attributes.headers['client_id']]", clientSecretExpression: "#[attributes.headers['client_secret']]" }
      - id: rate-limiting
        config: { rateLimits: [{ maximumRequests: ${limit}, timePeriodInMilliseconds: 1000 }], exposeHeaders: true }
      - id: header-injection
        config:
          inboundHeaders: [{ key: x-soak-policy, value: ${mark} }]
          outboundHeaders: [{ key: x-soak-policy, value: ${mark} }]
      - id: json-threat-protection
        config: { maxContainerDepth: 5, maxStringValueLength: 200, maxObjectEntryNameLength: 40, maxObjectEntryCount: 20, maxArrayElementCount: 50 }
applications:
  - name: soak
    clientId: ${CLIENT.id}
    clientSecretHash: ${createHash('sha256').update(CLIENT.secret).digest('hex')}
    contracts: [{ apiId: soak-api }]
`;

// The protected flow of the example answers with a version the flow edits change.
const ORDERS_PAYLOAD = /<set-payload value="#\[\{ 'orders'/;
const ORDERS_VERSION = /'version': '[^']*'/;

function writeApp(dir) {
  cpSync(join(here, '../examples/oauth-provider'), dir, { recursive: true });
  const oauth = readFileSync(join(dir, 'flows/oauth.xml'), 'utf8');
  if (!ORDERS_PAYLOAD.test(oauth))
    throw new Error("examples/oauth-provider/flows/oauth.xml changed: its orders flow no longer starts its set-payload with { 'orders'; update bench/soak.js");
  writeFileSync(join(dir, 'flows/oauth.xml'), oauth.replace(ORDERS_PAYLOAD, "<set-payload value=\"#[{ 'version': 'o0', 'orders'"));
  writeFileSync(join(dir, 'flows/soak.xml'), soakXml({ version: 's0', extra: false }));
  writeFileSync(join(dir, 'api-manager.yaml'), managerYaml({ mark: 'p0', limit: LIMITS[0] }));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `flowrt dev` in its own process group (Ctrl-C reaches only us: we stop it once, with SIGTERM). */
function startRuntime(dir, port) {
  const child = spawn(process.execPath, [join(here, '../dist/cli/main.js'), 'dev', dir, '--prop', `http.port=${port}`, '--prop', 'http.host=127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Warnings and errors the runtime logs, grouped by message (the refused requests log one each, by design).
  const logs = { groups: new Map(), reloads: 0, failedReloads: 0 };
  const note = (key, line) => {
    const group = logs.groups.get(key) ?? { count: 0, first: `${elapsed().toFixed(1)} s: ${line.slice(0, 300)}` };
    group.count++;
    logs.groups.set(key, group);
  };
  const readLines = (stream, onLine) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      lines.forEach(onLine);
    });
  };
  readLines(child.stdout, (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (/^reloaded /.test(entry.msg)) logs.reloads++;
    if (/^reload .* failed/.test(entry.msg)) logs.failedReloads++;
    if (entry.level >= 40) note(`${entry.level >= 50 ? 'error' : 'warn'} ${entry.errorType ?? ''} "${entry.msg}"`, line);
  });
  readLines(child.stderr, (line) => note(`stderr "${line.slice(0, 120)}"`, line));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, logs, exited };
}

/** The process's resident set in MB: /proc on Linux, ps elsewhere. */
function rssMb(pid) {
  try {
    if (existsSync('/proc/self/status')) return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return Number.NaN;
  }
}

let port;
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

/** One request; resolves with the status (or the connection error's code) and the body. */
function send({ method, path, headers = {}, body }) {
  return new Promise((resolve) => {
    const all = body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers;
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ status: e.code ?? 'response error' }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve({ status: e.code ?? e.message }));
    req.end(body);
  });
}

const json = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

let token;
const credentials = { client_id: CLIENT.id, client_secret: CLIENT.secret };
const REQUESTS = {
  token: () => ({
    method: 'POST',
    path: '/token',
    expect: 200,
    body: 'grant_type=client_credentials',
    headers: { authorization: `Basic ${Buffer.from(BILLING).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  }),
  orders: () => ({ method: 'GET', path: '/api/orders', expect: 200, headers: { authorization: `Bearer ${token}` } }),
  'orders without token': () => ({ method: 'GET', path: '/api/orders', expect: 401 }),
  items: () => ({ method: 'GET', path: '/soak/items', expect: 200, headers: credentials }),
  'items with a wrong secret': () => ({ method: 'GET', path: '/soak/items', expect: 401, headers: { ...credentials, client_secret: 'wrong' } }),
  'post item': (i) => ({
    method: 'POST',
    path: '/soak/items',
    expect: 200,
    headers: { ...credentials, 'content-type': 'application/json' },
    body: JSON.stringify({ sku: `SKU-${i % 97}`, qty: (i % 7) + 1, tags: ['soak', 'json'] }),
  }),
};
// Request i of the run: a token each second, else this cycle of 20.
const MIX = [...Array(7).fill('orders'), 'orders without token', ...Array(6).fill('items'), 'items with a wrong secret', ...Array(5).fill('post item')];
const kindOf = (i) => (i % Math.round(RATE) === 0 ? 'token' : MIX[i % MIX.length]);

async function fetchToken() {
  const res = await send(REQUESTS.token());
  const issued = json(res.body)?.access_token;
  if (res.status === 200 && issued) token = issued;
  return res;
}

let t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const edits = { flow: [], policy: [], lastFlow: undefined, lastPolicy: undefined };
const totals = { requests: 0, errors: 0, skipped: 0, byKind: new Map(), details: [] };
const windows = [];
let current = { from: 0, requests: 0, errors: 0, latencies: [] };
const rss = [];

/** An error, with where it happened relative to the latest edits (what a soak is looking for). */
function recordError(what, got, expected) {
  totals.errors++;
  current.errors++;
  const key = `${what}: ${got} (expected ${expected})`;
  totals.byKind.set(key, (totals.byKind.get(key) ?? 0) + 1);
  if (totals.details.length < 30) {
    const since = (e) => (e ? `${((performance.now() - e.at) / 1000).toFixed(2)} s after ${e.what}` : 'before any edit');
    totals.details.push(`${elapsed().toFixed(2)} s  ${key}; ${since(edits.lastFlow)}; ${since(edits.lastPolicy)}`);
  }
}

function recordResponse(kind, expected, status, ms) {
  totals.requests++;
  current.requests++;
  current.latencies.push(ms);
  if (status !== expected) recordError(kind, status, expected);
}

const quantile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : Number.NaN);
const median = (values) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

function closeWindow(print = true) {
  const sorted = current.latencies.sort((a, b) => a - b);
  const closed = {
    from: current.from,
    to: elapsed(),
    requests: current.requests,
    errors: current.errors,
    latencies: sorted,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    rss: rss.filter((s) => s.t >= current.from).map((s) => s.mb),
  };
  windows.push(closed);
  current = { from: closed.to, requests: 0, errors: 0, latencies: [] };
  const ms = (v) => `${v.toFixed(1).padStart(6)} ms`;
  if (print)
    console.log(
      `${closed.to.toFixed(0).padStart(5)} s  requests ${String(closed.requests).padStart(6)} (${totals.requests})  errors ${closed.errors} (${totals.errors})` +
        `  p50 ${ms(closed.p50)}  p99 ${ms(closed.p99)}  max ${ms(closed.max)}  rss ${(rss.at(-1)?.mb ?? Number.NaN).toFixed(1)} MB` +
        `  (reloads ${edits.flow.length}, policy edits ${edits.policy.length})`,
    );
}

let inFlight = 0;
const pending = new Set();

/** Starts request `i` at its scheduled time; latency counts from that time, not from when it got a socket. */
function fire(i, scheduledAt) {
  const kind = kindOf(i);
  const request = REQUESTS[kind](i);
  if (inFlight >= MAX_IN_FLIGHT) {
    totals.skipped++;
    recordError(kind, `not started, ${MAX_IN_FLIGHT} in flight`, request.expect);
    return;
  }
  inFlight++;
  const done = (kind === 'token' ? fetchToken() : send(request)).then((res) => {
    inFlight--;
    pending.delete(done);
    recordResponse(kind, request.expect, res.status, performance.now() - scheduledAt);
  });
  pending.add(done);
}

/** Open loop: every few ms, start each request whose time has come (RATE per second since start). */
function runTraffic(untilS, stopped) {
  return new Promise((resolve) => {
    const start = performance.now();
    const total = Math.floor(untilS * RATE);
    const at = (i) => start + (i * 1000) / RATE;
    let next = 0;
    const tick = () => {
      for (const now = performance.now(); next < total && at(next) <= now; next++) fire(next, at(next));
      if (next >= total || stopped()) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits until `s` seconds into the run, or less when the run stops first. */
async function sleepUntil(s, stopped) {
  while (!stopped() && elapsed() < s) await sleep(Math.min(200, (s - elapsed()) * 1000));
}

/**
 * Polls until `shown(res)` holds; a status outside `allowed` meanwhile is an error. Resolves with the
 * milliseconds it took, or undefined after EDIT_TIMEOUT_MS (or when the run stops).
 */
async function waitShown(what, request, allowed, shown, stopped) {
  const started = performance.now();
  while (!stopped() && performance.now() - started < EDIT_TIMEOUT_MS) {
    const res = await send(request());
    if (!allowed.includes(res.status)) recordError(`probe after ${what}`, res.status, allowed.join(' or '));
    else if (shown(res)) return performance.now() - started;
    await sleep(50);
  }
  return undefined;
}

async function applyEdit(list, last, what, file, text, checks, stopped) {
  writeFileSync(file, text);
  const edit = { what, at: performance.now() };
  edits[last] = edit;
  const times = await Promise.all(checks.map((c) => waitShown(what, ...c, stopped)));
  if (stopped() && times.includes(undefined)) return;
  const ms = times.includes(undefined) ? undefined : Math.max(...times);
  if (ms === undefined) recordError(what, `not served within ${EDIT_TIMEOUT_MS / 1000} s`, 'the new version');
  list.push({ what, ms });
}

/** Every RELOAD_EVERY s: bump the orders flow's version (oauth.xml), or soak.xml's while adding or removing a flow. */
async function flowEdits(dir, stopped) {
  for (let n = 1; !stopped(); n++) {
    await sleepUntil(n * RELOAD_EVERY, stopped);
    if (stopped()) return;
    if (n % 2 === 1) {
      const file = join(dir, 'flows/oauth.xml');
      const version = `o${n}`;
      const text = readFileSync(file, 'utf8').replace(ORDERS_VERSION, `'version': '${version}'`);
      const check = [() => REQUESTS.orders(), [200], (res) => json(res.body)?.version === version];
      await applyEdit(edits.flow, 'lastFlow', `flow edit ${n} (oauth.xml → ${version})`, file, text, [check], stopped);
    } else {
      const extra = n % 4 === 2;
      const version = `s${n}`;
      const checks = [
        [() => REQUESTS.items(), [200], (res) => json(res.body)?.version === version],
        [() => ({ method: 'GET', path: '/soak/extra' }), [200, 404], (res) => res.status === (extra ? 200 : 404)],
      ];
      const what = `flow edit ${n} (soak.xml → ${version}, ${extra ? 'adds' : 'removes'} flow soak-extra)`;
      await applyEdit(edits.flow, 'lastFlow', what, join(dir, 'flows/soak.xml'), soakXml({ version, extra }), checks, stopped);
    }
  }
}

/** Every POLICY_EVERY s: a new header-injection value, and the rate limit switched. */
async function policyEdits(dir, stopped) {
  for (let n = 1; !stopped(); n++) {
    await sleepUntil(n * POLICY_EVERY, stopped);
    if (stopped()) return;
    const mark = `p${n}`;
    const limit = LIMITS[n % 2];
    const shown = (res) => res.headers['x-soak-policy'] === mark && json(res.body)?.policy === mark && res.headers['x-ratelimit-limit'] === String(limit);
    const what = `policy edit ${n} (header ${mark}, limit ${limit}/s)`;
    await applyEdit(
      edits.policy,
      'lastPolicy',
      what,
      join(dir, 'api-manager.yaml'),
      managerYaml({ mark, limit }),
      [[() => REQUESTS.items(), [200], shown]],
      stopped,
    );
  }
}

async function waitServing(exited) {
  let dead = false;
  exited.then(() => (dead = true));
  const until = performance.now() + 30_000;
  while (performance.now() < until && !dead) {
    const tokenRes = await fetchToken();
    if (tokenRes.status === 200 && (await send(REQUESTS.items())).status === 200) return;
    await sleep(100);
  }
  throw new Error(dead ? 'the runtime exited before it served' : 'the runtime did not serve within 30 s');
}

function summary(interrupted, runtimeExit, logs) {
  const reasons = [];
  const pct = (a, b) => (b ? (100 * a) / b : 0);
  console.log(
    `\ntotals: ${totals.requests + totals.skipped} requests started (${totals.skipped} skipped at the cap), ${totals.errors} errors ` +
      `(${pct(totals.errors, totals.requests + totals.skipped).toFixed(3)} %) in ${elapsed().toFixed(0)} s`,
  );
  console.log('\n  window        requests  errors  p50 ms  p99 ms  max ms  RSS MB (median)');
  for (const w of windows) {
    console.log(
      `  ${`${w.from.toFixed(0)}-${w.to.toFixed(0)} s`.padEnd(12)} ${String(w.requests).padStart(9)} ${String(w.errors).padStart(7)}` +
        ` ${w.p50.toFixed(1).padStart(7)} ${w.p99.toFixed(1).padStart(7)} ${w.max.toFixed(1).padStart(7)} ${median(w.rss).toFixed(1).padStart(8)}`,
    );
  }
  const warm = windows[0] ? median(windows[0].rss) : Number.NaN;
  const end = windows.length > 1 ? median(windows.at(-1).rss) : Number.NaN;
  const growth = (end - warm) / warm;
  console.log(
    `\nRSS: ${warm.toFixed(1)} MB after warm-up (median of the first window) → ${end.toFixed(1)} MB at the end (median of the last window, last sample ${rss.at(-1)?.mb.toFixed(1)} MB): ` +
      `${end >= warm ? '+' : ''}${(end - warm).toFixed(1)} MB (${(growth * 100).toFixed(1)} %); peak ${Math.max(...rss.map((s) => s.mb)).toFixed(1)} MB`,
  );
  for (const [label, list] of [
    ['flow reloads', edits.flow],
    ['policy edits', edits.policy],
  ]) {
    const shown = list.filter((e) => e.ms !== undefined).map((e) => e.ms);
    const slow = list.filter((e) => e.ms === undefined || e.ms > SLOW_EDIT_MS);
    const times = shown.length ? `, shown after median ${median(shown).toFixed(0)} ms, max ${Math.max(...shown).toFixed(0)} ms` : '';
    console.log(`${label}: ${list.length} applied${times}; ${slow.length} slower than ${SLOW_EDIT_MS / 1000} s`);
    for (const e of slow) console.log(`  slow: ${e.what}: ${e.ms === undefined ? 'never shown' : `${e.ms.toFixed(0)} ms`}`);
  }
  console.log(`runtime log: ${logs.reloads} reloads logged, ${logs.failedReloads} failed; warnings and errors by message:`);
  for (const [key, g] of logs.groups) console.log(`  ${String(g.count).padStart(6)} × ${key}\n           first at ${g.first}`);
  if (totals.errors) {
    reasons.push(`${totals.errors} errors`);
    console.log('\nerrors by kind:');
    for (const [key, count] of totals.byKind) console.log(`  ${String(count).padStart(6)} × ${key}`);
    console.log('first errors (elapsed, what, since the latest flow edit, since the latest policy edit):');
    for (const d of totals.details) console.log(`  ${d}`);
  }
  if (growth > RSS_GROWTH_LIMIT) reasons.push(`RSS grew ${(growth * 100).toFixed(1)} % after warm-up (limit ${RSS_GROWTH_LIMIT * 100} %)`);
  if (Number.isNaN(growth)) reasons.push('RSS growth not measured: the run needs at least two report windows');
  if (runtimeExit && runtimeExit.code !== 0) reasons.push(`the runtime exited with ${runtimeExit.code ?? runtimeExit.signal} on SIGTERM`);
  if (interrupted) reasons.push('interrupted');
  console.log(reasons.length ? `\nFAIL: ${reasons.join('; ')}` : '\nPASS: no errors, memory flat');
  return reasons.length ? 1 : 0;
}

async function main() {
  if (!existsSync(join(here, '../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'flowrt-soak-'));
  let runtime;
  let interrupted = false;
  let finished = false;
  const cleanup = () => {
    if (runtime && runtime.child.exitCode === null && runtime.child.signalCode === null) runtime.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  let measuring = false;
  let interruptedAt = 0;
  process.on('SIGINT', () => {
    // Under `npm run soak` one Ctrl-C arrives twice (from the terminal, and forwarded by npm).
    if (interrupted && performance.now() - interruptedAt < 1000) return;
    if (interrupted || !measuring) process.exit(130); // a second Ctrl-C, or before the traffic: the exit hook cleans up
    interrupted = true;
    interruptedAt = performance.now();
    console.log('\ninterrupted: stopping the traffic');
  });
  writeApp(dir);
  port = await freePort();
  runtime = startRuntime(dir, port);
  runtime.exited.then((e) => {
    if (!finished) {
      recordError('runtime', `exited with ${e.code ?? e.signal}`, 'running');
      interrupted = true;
    }
  });
  await waitServing(runtime.exited);
  console.log(
    `soak: ${SECONDS} s at ${RATE} requests/s against ${dir} (flowrt dev, pid ${runtime.child.pid}, port ${port}); ` +
      `flow edit every ${RELOAD_EVERY} s, policy edit every ${POLICY_EVERY} s, report every ${REPORT_EVERY} s ` +
      '(requests and errors in the window, since the start in parentheses; latency in the window; RSS now)\n',
  );

  t0 = performance.now();
  measuring = true;
  const stopped = () => interrupted || elapsed() >= SECONDS;
  const sampler = setInterval(() => rss.push({ t: elapsed(), mb: rssMb(runtime.child.pid) }), 1000);
  rss.push({ t: 0, mb: rssMb(runtime.child.pid) });
  const reporter = setInterval(closeWindow, REPORT_EVERY * 1000);
  const editing = Promise.all([flowEdits(dir, stopped), policyEdits(dir, stopped)]);
  await runTraffic(SECONDS, stopped);
  const drain = Promise.all(pending);
  await Promise.race([drain, sleep(REQUEST_TIMEOUT_MS + 1000)]);
  await editing;
  clearInterval(reporter);
  clearInterval(sampler);
  rss.push({ t: elapsed(), mb: rssMb(runtime.child.pid) });
  // What finished after the last report (requests draining) belongs to the last window, unless it is a long one.
  const last = windows.at(-1);
  const merge = last && elapsed() - current.from < REPORT_EVERY / 2;
  if (merge) {
    windows.pop();
    current = {
      from: last.from,
      requests: last.requests + current.requests,
      errors: last.errors + current.errors,
      latencies: [...last.latencies, ...current.latencies],
    };
  }
  if (current.requests > 0 || current.errors > 0) closeWindow(!merge);
  finished = true;

  runtime.child.kill('SIGTERM');
  const runtimeExit = await Promise.race([runtime.exited, sleep(15_000).then(() => ({ code: 'no exit within 15 s' }))]);
  agent.destroy();
  const code = summary(interrupted, runtimeExit, runtime.logs);
  cleanup();
  return interrupted ? 130 : code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`soak: ${e.message}`);
    process.exit(1);
  },
);
