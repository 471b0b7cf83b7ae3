import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';

/** One answer (or failure) a client saw, with the phase of the test it started and ended in. */
export interface Outcome {
  /** The phase when the request was sent and when its answer was read; a request spanning a change is `a→b`. */
  readonly phase: string;
  /** The call's name (its path unless named). */
  readonly call: string;
  /** The status, or 0 when the request failed without an answer. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The answer's body, or the error's message. */
  readonly body: string;
}

export interface Call {
  /** Tells apart calls of one path; defaults to the path. */
  readonly name?: string;
  readonly path: string;
  readonly method?: Dispatcher.HttpMethod;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface Clients {
  /** Names the phase requests sent from now on belong to. */
  phase(name: string): void;
  /** Outcomes so far that started and ended in `phase` (all of them without one). */
  seen(phase?: string): Outcome[];
  /** Resolves once `phase` holds at least `n` outcomes of every call (rejects after `ms`). */
  until(phase: string, n: number, ms?: number): Promise<void>;
  stop(): Promise<Outcome[]>;
}

/**
 * Steady traffic from a small pool: each of `calls` has its own loop over a keep-alive pool,
 * sending the next request as soon as the last was answered (and a 10 ms breath, so two shared
 * cores keep up). No request may take longer than 20 s: a hang shows up as a failure
 * (`status` 0), never as a test that waits for ever.
 */
export function clients(base: () => string, calls: readonly Call[]): Clients {
  const agent = new Agent({ connections: calls.length * 2, keepAliveTimeout: 10_000 });
  const outcomes: Outcome[] = [];
  let phase = 'start';
  let stopped = false;
  const loop = async (call: Call): Promise<void> => {
    while (!stopped) {
      const sentIn = phase;
      let status = 0;
      let headers: Record<string, string> = {};
      let body: string;
      try {
        const res = await request(`${base()}${call.path}`, {
          dispatcher: agent,
          method: call.method ?? 'GET',
          headers: call.headers,
          body: call.body,
          headersTimeout: 20_000,
          bodyTimeout: 20_000,
        });
        body = await res.body.text();
        status = res.statusCode;
        headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
      } catch (e) {
        body = (e as Error).message;
      }
      outcomes.push({ phase: sentIn === phase ? phase : `${sentIn}→${phase}`, call: call.name ?? call.path, status, headers, body });
      await sleep(10);
    }
  };
  const loops = calls.map(loop);
  const seen = (p?: string) => (p === undefined ? [...outcomes] : outcomes.filter((o) => o.phase === p));
  return {
    phase(name) {
      phase = name;
    },
    seen,
    async until(p, n, ms = 20_000) {
      const deadline = Date.now() + ms;
      const enough = () => calls.every((c) => seen(p).filter((o) => o.call === (c.name ?? c.path)).length >= n);
      while (!enough()) {
        if (Date.now() > deadline) throw new Error(`phase ${p}: fewer than ${n} answers per call after ${ms} ms: ${JSON.stringify(summary(seen(p)))}`);
        await sleep(25);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await agent.close();
      return [...outcomes];
    },
  };
}

/** `{ "<call> <status>": count }`: what a phase looked like, for assertions and failure messages. */
export function summary(outcomes: readonly Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.call} ${o.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Polls `probe` until it gives something `ok` accepts (rejects after `ms` with the last value). */
export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      last = e as T;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}; last: ${JSON.stringify(last instanceof Error ? last.message : last)}`);
    await sleep(100);
  }
}
