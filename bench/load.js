// Load generator, run in its own process (pinned to its own core when the bench pins) so it does
// not compete with the server for a thread: N keep-alive connections, each sending requests back
// to back for D ms, or until a pool of one-use tokens runs out; a warm-up may ask for at least
// `minRequests` (up to `maxMs`). Prints one JSON line. A server that stops answering cannot hang
// it: 10 s past its time it reports what it has, unanswered requests counted as errors.
import { readFileSync } from 'node:fs';
import http from 'node:http';

/** { url, connections, durationMs, minRequests, maxMs, method, body, contentType, authorization, tokensFile } */
const spec = JSON.parse(process.argv[2]);
const target = new URL(spec.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
const tokens = spec.tokensFile ? readFileSync(spec.tokensFile, 'utf8').split('\n').filter(Boolean) : undefined;
let nextToken = 0;
const latencies = [];
const statuses = {};
let failures = 0;
let inFlight = 0;
const started = performance.now();
const end = started + spec.durationMs;
const minRequests = spec.minRequests ?? 0;
const maxMs = Math.max(spec.durationMs, spec.maxMs ?? 0);
const cap = started + maxMs;
let sent = 0;
const body = spec.body ? Buffer.from(spec.body) : undefined;
const baseHeaders = {
  ...(body ? { 'content-type': spec.contentType ?? 'application/json', 'content-length': body.length } : {}),
  ...(spec.authorization ? { authorization: spec.authorization } : {}),
};

function headers() {
  if (!tokens) return baseHeaders;
  return { ...baseHeaders, authorization: `Bearer ${tokens[nextToken++]}` };
}

function one() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    inFlight++;
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: spec.method, agent, headers: headers() },
      (res) => {
        res.resume();
        res.on('end', () => {
          inFlight--;
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          resolve();
        });
      },
    );
    req.on('error', (e) => {
      inFlight--;
      failures++;
      statuses[e.code ?? 'error'] = (statuses[e.code ?? 'error'] ?? 0) + 1;
      resolve();
    });
    req.end(body);
  });
}

async function worker() {
  for (let now = performance.now(); now < cap && (now < end || sent < minRequests) && (!tokens || nextToken < tokens.length); now = performance.now()) {
    sent++;
    await one();
  }
}

function report(timedOut) {
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const ok = statuses[200] ?? 0;
  const result = {
    requests: latencies.length,
    ok,
    errors: latencies.length - ok + failures + (timedOut ? inFlight : 0),
    statuses: { ...statuses, ...(timedOut && inFlight ? { unanswered: inFlight } : {}) },
    elapsedMs,
    rps: latencies.length / (elapsedMs / 1000),
    okRps: ok / (elapsedMs / 1000),
    p50: pick(0.5),
    p99: pick(0.99),
    tokensLeft: tokens ? tokens.length - nextToken : undefined,
  };
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

setTimeout(() => report(true), maxMs + 10_000).unref();
await Promise.all(Array.from({ length: spec.connections }, worker));
report(false);
