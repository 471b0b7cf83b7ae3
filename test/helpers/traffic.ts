import { Agent, request } from 'undici';

export interface TrafficReport {
  readonly ok: number;
  /** Every request that did not answer 200, as `status body` or the error's message. */
  readonly failures: string[];
  /** The bodies seen, in order of first appearance. */
  readonly bodies: string[];
}

export interface Traffic {
  /** Requests answered so far. */
  count(): number;
  stop(): Promise<TrafficReport>;
}

/**
 * Steady load on `url()`: `workers` loops over keep-alive connections (as a real client pool
 * would hold them across a swap), each sending its next request as soon as the last answered.
 */
export function steadyTraffic(url: () => string, workers = 4): Traffic {
  const agent = new Agent({ connections: workers, keepAliveTimeout: 30_000 });
  const failures: string[] = [];
  const bodies: string[] = [];
  let ok = 0;
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      try {
        const res = await request(url(), { dispatcher: agent, headersTimeout: 10_000, bodyTimeout: 10_000 });
        const body = await res.body.text();
        if (res.statusCode === 200) ok++;
        else failures.push(`${res.statusCode} ${body}`);
        if (!bodies.includes(body)) bodies.push(body);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    count: () => ok + failures.length,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await agent.close();
      return { ok, failures, bodies };
    },
  };
}
