import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './cli.js';

/**
 * A redis-server of the test's own on a loopback port, that the test can kill (SIGKILL: no goodbye
 * to its clients), freeze (SIGSTOP: connections stay open, nothing answers) and start again on the
 * same port. Never the shared 127.0.0.1:6379 one.
 */
export interface OwnRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** SIGKILL, and resolves once the process is gone. Idempotent. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty unless `persist`); resolves once it answers PING. */
  restart(): Promise<void>;
  /** SIGSTOP: it keeps its connections and answers nothing, as a Redis stuck in a long command. */
  freeze(): void;
  /** SIGCONT after {@link freeze}. */
  thaw(): void;
  /** Kills it for good (afterEach). */
  stop(): Promise<void>;
}

/**
 * Starts a redis-server on a free port; resolves once it answers PING. Without persistence, a
 * restart is empty; with `persist`, every write is in its append-only file before it is
 * acknowledged (`appendfsync always`), so what it acknowledged survives a SIGKILL, as a production
 * Redis with AOF keeps it.
 */
export async function ownRedis({ persist = false }: { persist?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort();
  const dir = persist ? await mkdtemp(join(tmpdir(), 'flowrt-redis-')) : undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no'];
  args.push(...(dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let child = await launch(port, args);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => killed(child),
    async restart() {
      await killed(child);
      child = await launch(port, args);
    },
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    async stop() {
      child.kill('SIGCONT');
      await killed(child);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await pong(port)) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

/** True when something on the port answers PING with +PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (b: Buffer) => {
      text += b.toString();
      if (text.includes('\r\n')) done(text.startsWith('+PONG'));
    });
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
