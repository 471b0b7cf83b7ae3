// CPU pinning: with `taskset` (util-linux) and at least two cores, the server under test runs on
// CPU 1 and everything that makes load (load generator, upstream, JWKS server) on CPU 0, so the
// two never take turns on one core. Without it, processes float and the output says so.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const TASKSET = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
export const PINNED = TASKSET && availableParallelism() >= 2;
export const SERVER_CPU = 1;
export const LOAD_CPU = 0;

export function pinning() {
  return PINNED
    ? `server pinned to CPU ${SERVER_CPU}, load generator (and upstream, JWKS server) to CPU ${LOAD_CPU} with taskset`
    : 'not pinned (needs taskset and 2 cores): server and load share the cores';
}

/** `node script args` on `cpu` when pinning is on; `ipc` adds an IPC channel (as fork does). */
export function spawnNode(cpu, script, args, { ipc = false, stdout = 'inherit', env } = {}) {
  const stdio = ['ignore', stdout, 'inherit', ...(ipc ? ['ipc'] : [])];
  const node = [process.execPath, script, ...args];
  const [cmd, ...rest] = PINNED ? ['taskset', '-c', String(cpu), ...node] : node;
  return spawn(cmd, rest, { stdio, env: env ?? process.env });
}
