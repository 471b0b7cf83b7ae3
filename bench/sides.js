// The processes of a bench run: servers (one per side, on the server's CPU) answering
// start/stop with their CPU time, helpers (upstream, JWKS) and load generators (on the load CPU).
// A server that dies is reported for the scenario it died in and started again for the next one.
import { fileURLToPath } from 'node:url';
import { alive, reply } from './child.js';
import { LOAD_CPU, SERVER_CPU, spawnNode } from './pin.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** A helper process (upstream.js, jwks.js) on the load CPU; resolves with its port. */
export async function helper(script, args, what) {
  const child = spawnNode(LOAD_CPU, `${here}${script}`, args, { ipc: true });
  const { port } = await reply(child, what);
  return { port, child };
}

/** Runs load.js with `spec` on the load CPU; resolves with its JSON report. */
export function runLoad(spec) {
  return new Promise((resolve, reject) => {
    const child = spawnNode(LOAD_CPU, `${here}load.js`, [JSON.stringify(spec)], { stdout: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // load.js reports by itself at duration + 10 s; this is the backstop if it cannot.
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(spec.durationMs, spec.maxMs ?? 0) + 20_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`load generator exited with ${code ?? signal}`));
      }
    });
  });
}

/** IPC send that never throws: a closed channel shows as the child's exit instead. */
const tell = (child, message) => child.send(message, () => undefined);

export class Side {
  constructor(name, args) {
    this.name = name;
    this.args = args;
  }

  async start() {
    this.child = spawnNode(SERVER_CPU, `${here}server.js`, [this.name, JSON.stringify(this.args)], { ipc: true });
    const { port } = await reply(this.child, `the ${this.name} server`);
    this.port = port;
  }

  /** One measured run: CPU of the server over the load generator's window. */
  async measure(spec) {
    if (!this.child || !alive(this.child)) await this.start();
    const child = this.child;
    let onExit;
    const died = new Promise((_, reject) => {
      onExit = (code, signal) => reject(new Error(`the ${this.name} server exited with ${code ?? signal}`));
      child.once('exit', onExit);
    });
    died.catch(() => undefined);
    try {
      tell(child, 'start');
      const result = await Promise.race([runLoad({ ...spec, url: `http://127.0.0.1:${this.port}${spec.path}` }), died]);
      const stopped = reply(child, `the ${this.name} server`, 10_000);
      tell(child, 'stop');
      const cpu = await stopped;
      return { ...result, cpuPerRequest: cpu / Math.max(1, result.requests) };
    } finally {
      child.off('exit', onExit);
    }
  }

  async stop() {
    if (!this.child || !alive(this.child)) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    tell(this.child, 'exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (alive(this.child)) this.child.kill('SIGKILL');
  }
}
