import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/* The built bin (package.json's, the bundle), run as a user runs it; the global setup builds it first. */
export const BIN = resolve((JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { flowrt: string } }).bin.flowrt);

const children = new Set<ChildProcess>();

/** Kills whatever a test left running (afterEach). */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

export interface Cli {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Exit code (or signal name) once the process ends; rejects after `ms`. */
  exited(ms: number): Promise<number | string>;
}

export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FLOWRT_LOG_LEVEL: 'info', ...options.env },
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const done = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: (ms) =>
      Promise.race([
        done,
        sleep(ms, undefined, { ref: false }).then(() => Promise.reject(new Error(`still running after ${ms} ms\nstdout: ${out}\nstderr: ${err}`))),
      ]),
  };
}

/** Runs the CLI to completion. */
export async function run(args: string[], ms = 10_000, options: { cwd?: string } = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const c = cli(args, options);
  const code = await c.exited(ms);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/** A port nothing listens on right now: the OS picks it, we release it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
