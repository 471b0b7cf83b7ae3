// Load generator, run in its own process so it does not compete with the server's event loop
// for the same thread: N keep-alive connections, each sending requests back to back for D ms.
import http from 'node:http';

const [url, connections, durationMs, method = 'GET', body = '', authorization = ''] = process.argv.slice(2);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const latencies = [];
let errors = 0;
const end = Date.now() + Number(durationMs);

function one() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(authorization ? { authorization } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode >= 400) errors++;
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body || undefined);
  });
}

async function worker() {
  while (Date.now() < end) await one();
}

await Promise.all(Array.from({ length: Number(connections) }, worker));
latencies.sort((a, b) => a - b);
const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({ requests: latencies.length, errors, rps: latencies.length / (Number(durationMs) / 1000), p50: pick(0.5), p99: pick(0.99) }),
);
agent.destroy();
