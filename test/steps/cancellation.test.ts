import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';
import { eventually } from '../helpers/https.js';

let app: TestApp | undefined;
let failing: Upstream | undefined;
afterEach(async () => {
  await app?.stop();
  await failing?.close();
  app = undefined;
  failing = undefined;
});

/** A flow retrying a failing upstream call as many times as the query asks. */
async function retrying(props: Record<string, string> = {}, pauseMs = 20): Promise<TestApp> {
  failing = await upstream((_req, res) => {
    res.statusCode = 500;
    res.end('down');
  });
  return start(
    mule(`<http:request-config name="up"><http:request-connection host="127.0.0.1" port="${failing.port}"/></http:request-config>
    <flow name="retry">
      <http:listener config-ref="listener" path="/retry"/>
      <until-successful maxRetries="#[attributes.queryParams.n]" millisBetweenRetries="${pauseMs}">
        <http:request config-ref="up" path="/work" method="GET"/>
      </until-successful>
      <set-payload value="done"/>
    </flow>`),
    { props },
  );
}

describe('a client that leaves', () => {
  it('cancels the rest of its retries: the upstream stops seeing them', async () => {
    // 100 ms pauses: 100 retries take 10 s, longer than a busy machine takes to get 20 requests going.
    app = await retrying({}, 100);
    const clients = Array.from({ length: 20 }, () => {
      const abort = new AbortController();
      const done = fetch(app!.url('/retry?n=100'), { signal: abort.signal }).catch(() => 'aborted');
      return { abort, done };
    });
    // They leave once every one of them is retrying (each has called the upstream): on a busy
    // machine a fixed pause could end before some requests reached the flow at all.
    const callers = () => new Set(failing!.received.map((r) => r.headers['x-correlation-id'])).size;
    await eventually(() => callers() === 20, 20_000);
    const beforeLeaving = failing!.received.length;
    for (const c of clients) c.abort.abort();
    expect(await Promise.all(clients.map((c) => c.done))).toEqual(clients.map(() => 'aborted'));
    // Then the count must come to rest, and stay there.
    let settled = failing!.received.length;
    for (let now = -1; now !== settled;) {
      await sleep(250);
      [now, settled] = [settled, failing!.received.length];
    }
    await sleep(500);
    expect(failing!.received.length).toBe(settled);
    // What was under way may finish (one call per client, two at a pause's edge); 20 clients with
    // their retries left would go on for 90 more calls each.
    expect(settled - beforeLeaving).toBeLessThanOrEqual(20 * 3);
    expect(app.logs.some((l) => l.msg === 'the client closed the connection before the answer; the rest of the work is cancelled')).toBe(true);
    // No error line per cancelled request: nobody is there to read about it.
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);

  it('leaves the others alone', async () => {
    app = await retrying();
    const leaving = new AbortController();
    const gone = fetch(app.url('/retry?n=90'), { signal: leaving.signal }).catch(() => 'aborted');
    const staying = fetch(app.url('/retry?n=2'));
    await sleep(100);
    leaving.abort();
    expect(await gone).toBe('aborted');
    const res = await staying;
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/^'until-successful' retries exhausted/);
  });
});

describe('a retry count taken from a request', () => {
  it('is bounded by flowrt.limits.maxRetries (100 by default)', async () => {
    app = await retrying();
    const res = await fetch(app.url('/retry?n=1000000'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('maxRetries 1000000 is more than the 100 an expression may ask for (flowrt.limits.maxRetries)');
    expect(failing!.received.length).toBe(0);
  });

  it('may be allowed more by the app', async () => {
    app = await retrying({ 'flowrt.limits.maxRetries': '1000' });
    const abort = new AbortController();
    const pending = fetch(app.url('/retry?n=1000'), { signal: abort.signal }).catch(() => 'aborted');
    await sleep(200);
    expect(failing!.received.length).toBeGreaterThan(0);
    abort.abort();
    expect(await pending).toBe('aborted');
  });
});

describe('an outbound call of a client that leaves', () => {
  it('is aborted: the upstream sees its connection close, and the flow goes no further', async () => {
    // The upstream never answers; only the client leaving can end the call before its 30 s timeout.
    const closed: string[] = [];
    failing = await upstream((_req, _res, raw) => {
      raw.socket.once('close', () => closed.push('closed'));
    });
    app = await start(
      mule(`<http:request-config name="up" responseTimeout="30000"><http:request-connection host="127.0.0.1" port="${failing.port}"/></http:request-config>
      <flow name="slow">
        <http:listener config-ref="listener" path="/slow"/>
        <http:request config-ref="up" path="/hang" method="GET"/>
        <logger level="ERROR" message="after the call"/>
      </flow>`),
    );
    const leaving = new AbortController();
    const gone = fetch(app.url('/slow'), { signal: leaving.signal }).catch(() => 'aborted');
    while (failing.received.length === 0) await sleep(10);
    leaving.abort();
    expect(await gone).toBe('aborted');
    // A generous bound, not a deadline: without cancellation the call would wait its 30 s.
    for (let waited = 0; closed.length === 0 && waited < 10_000; waited += 20) await sleep(20);
    expect(closed).toEqual(['closed']);
    expect(app.logs.some((l) => l.msg === 'after the call')).toBe(false);
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);
});
