import { writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';

let app: TestApp | undefined;
let up: Held | undefined;
afterEach(async () => {
  up?.releaseAll();
  await app?.stop();
  await up?.close();
  app = undefined;
  up = undefined;
});

/** An upstream that holds every `/hold…` request until the test releases it, and answers the rest at once. */
interface Held extends Upstream {
  readonly held: ServerResponse[];
  /** The most `/hold` requests it held at one time. */
  readonly most: () => number;
  releaseAll(): void;
  paths(): string[];
}

async function holding(): Promise<Held> {
  const held: ServerResponse[] = [];
  let most = 0;
  const server = await upstream((req, res) => {
    if (!req.url.startsWith('/hold')) return void res.end('ok');
    held.push(res);
    most = Math.max(most, held.length);
  });
  return Object.assign(server, {
    held,
    most: () => most,
    releaseAll: () => {
      for (const res of held.splice(0)) res.end('released');
    },
    paths: () => server.received.map((r) => r.url),
  });
}

/** Polls `check` until it holds; a generous bound, not a deadline. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 10_000) throw new Error(`gave up waiting: ${what}`);
    await sleep(10);
  }
}

const config = (port: number) => `<http:request-config name="up"><http:request-connection host="127.0.0.1" port="${port}"/></http:request-config>`;

describe('async', () => {
  it('answers the caller before the async work ends, with its own payload and variables', async () => {
    up = await holding();
    // The caller's /after call is answered only once the branch has changed its payload and vars.
    app = await start(
      mule(`${config(up.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <set-variable variableName="v" value="main"/>
        <set-payload value="before"/>
        <async name="side">
          <set-variable variableName="seen" value="#[payload &amp; '/' &amp; vars.v]"/>
          <set-variable variableName="v" value="async"/>
          <set-payload value="async"/>
          <http:request config-ref="up" path="/hold" method="GET"/>
          <set-payload value="#[vars.seen]"/>
          <http:request config-ref="up" path="/done" method="POST"/>
        </async>
        <set-variable variableName="late" value="set by the caller after the async"/>
        <http:request config-ref="up" path="/after" method="GET" target="ignored"/>
        <set-payload value="#[payload &amp; '|' &amp; vars.v]"/>
      </flow>`),
    );
    const res = await fetch(app.url('/go'));
    expect(await res.text()).toBe('before|main');
    expect(up.paths()).toContain('/hold');
    expect(up.paths()).not.toContain('/done');
    up.releaseAll();
    await until(() => up!.paths().includes('/done'), '/done');
    expect(up.received.find((r) => r.url === '/done')!.body).toBe('before/main');
  });

  it('logs an error raised inside, with where it happened, and the caller still succeeds', async () => {
    app = await start(
      mule(`<flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async doc:name="audit">
          <logger message="auditing"/>
          <raise-error type="APP:BOOM" description="the audit store is down" doc:name="fail"/>
        </async>
        <set-payload value="ok"/>
      </flow>`),
    );
    const res = await fetch(app.url('/go'), { headers: { 'x-correlation-id': 'corr-async-1' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    await until(() => app!.logs.some((l) => l.errorType === 'APP:BOOM'), 'the error line');
    const line = app.logs.find((l) => l.errorType === 'APP:BOOM')!;
    expect(line).toMatchObject({
      level: 50,
      correlationId: 'corr-async-1',
      element: expect.stringMatching(/^<raise-error> "fail" at .*app\.xml:8:\d+$/),
      async: expect.stringMatching(/^<async> "audit" at .*app\.xml:6:\d+$/),
      msg: 'error in async scope, not seen by its caller (handle it with a try inside the async): the audit store is down',
    });
    expect(app.logs.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('runs at most maxConcurrency branches at once; the others wait their turn, and the callers do not', async () => {
    up = await holding();
    app = await start(
      mule(`${config(up.port)}
      <flow name="bounded">
        <http:listener config-ref="listener" path="/bounded"/>
        <async maxConcurrency="2"><http:request config-ref="up" path="/hold" method="GET"/></async>
      </flow>
      <flow name="free">
        <http:listener config-ref="listener" path="/free"/>
        <async><http:request config-ref="up" path="/hold" method="GET"/></async>
      </flow>`),
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(app!.url('/bounded')).then((r) => r.status)));
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    await until(() => up!.held.length === 2, 'two branches running');
    await sleep(200);
    expect(up.held).toHaveLength(2);
    // Released one at a time, every branch runs in the end, never more than two together.
    for (let done = 0; done < 5; done++) {
      await until(() => up!.held.length > 0, 'a branch waiting on the upstream');
      up.held.shift()!.end('released');
    }
    expect(up.received).toHaveLength(5);
    expect(up.most()).toBe(2);

    await Promise.all(Array.from({ length: 5 }, () => fetch(app!.url('/free'))));
    await until(() => up!.held.length === 5, 'five unbounded branches running together');
  });

  it('is not cancelled when the client leaves: nobody waits for it', async () => {
    up = await holding();
    app = await start(
      mule(`${config(up.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async>
          <http:request config-ref="up" path="/hold-async" method="GET"/>
          <http:request config-ref="up" path="/done" method="POST"/>
        </async>
        <http:request config-ref="up" path="/hold-main" method="GET"/>
      </flow>`),
    );
    const leaving = new AbortController();
    const gone = fetch(app.url('/go'), { signal: leaving.signal }).catch(() => 'aborted');
    await until(() => up!.paths().includes('/hold-async') && up!.paths().includes('/hold-main'), 'both calls');
    const mainCall = up.held[up.paths().indexOf('/hold-main')]!;
    leaving.abort();
    expect(await gone).toBe('aborted');
    // The caller's own call is cancelled (its connection to the upstream closes) …
    await until(() => mainCall.destroyed, 'the main call aborted');
    // … and the branch goes on once its upstream answers.
    up.releaseAll();
    await until(() => up!.paths().includes('/done'), '/done');
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('lets in-flight async work finish when the app stops', async () => {
    up = await holding();
    app = await start(
      mule(`<configuration shutdownTimeout="20000"/>
      ${config(up.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async>
          <http:request config-ref="up" path="/hold" method="GET"/>
          <http:request config-ref="up" path="/done" method="POST"/>
        </async>
      </flow>`),
    );
    expect((await fetch(app.url('/go'))).status).toBe(200);
    await until(() => up!.held.length === 1, 'the branch calling');
    let stopped = false;
    const stopping = app.stop().then(() => (stopped = true));
    app = undefined;
    await sleep(200);
    expect(stopped).toBe(false);
    up.releaseAll();
    await stopping;
    expect(up.paths()).toEqual(['/hold', '/done']);
  });

  it('cancels what is still running after shutdownTimeout, and says so', async () => {
    up = await holding();
    app = await start(
      mule(`<configuration shutdownTimeout="300"/>
      ${config(up.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async>
          <http:request config-ref="up" path="/hold" method="GET"/>
          <logger level="ERROR" message="after the call"/>
        </async>
      </flow>`),
    );
    await fetch(app.url('/go'), { headers: { 'x-correlation-id': 'corr-late' } });
    await until(() => up!.held.length === 1, 'the branch calling');
    const logs = app.logs;
    await app.stop();
    app = undefined;
    expect(logs.find((l) => l.correlationIds !== undefined)).toMatchObject({
      level: 40,
      correlationIds: ['corr-late'],
      running: 1,
      msg: 'async work still running 300 ms after the app began to stop (shutdownTimeout): cancelled',
    });
    await until(() => up!.held[0]!.destroyed, 'the held call aborted');
    await sleep(100);
    expect(logs.some((l) => l.msg === 'after the call')).toBe(false);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('lets a reload that keeps the flow go on without waiting: the same scope goes on running its branches', async () => {
    up = await holding();
    const files = (other: string) =>
      mule(`${config(up!.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async>
          <http:request config-ref="up" path="/hold" method="GET"/>
          <http:request config-ref="up" path="/done" method="POST"/>
        </async>
      </flow>
      <flow name="other"><set-payload value="${other}"/></flow>`);
    app = await start(files('v1'));
    await fetch(app.url('/go'));
    await until(() => up!.held.length === 1, 'the branch calling');
    await writeFile(join(app.dir, 'flows/app.xml'), files('v2'));
    expect(await app.runtime.reload()).toMatchObject({ ok: true, replaced: ['other'] });
    expect(up.paths()).toEqual(['/hold']);
    up.releaseAll();
    await until(() => up!.paths().includes('/done'), '/done');
  });

  it('lets a reload that replaces the flow wait for its async work', async () => {
    up = await holding();
    const flow = (message: string) =>
      mule(`${config(up!.port)}
      <flow name="main">
        <http:listener config-ref="listener" path="/go"/>
        <async>
          <http:request config-ref="up" path="/hold" method="GET"/>
          <http:request config-ref="up" path="/done" method="POST"/>
        </async>
        <set-payload value="${message}"/>
      </flow>`);
    app = await start(flow('v1'));
    expect(await (await fetch(app.url('/go'))).text()).toBe('v1');
    await until(() => up!.held.length === 1, 'the branch calling');
    await writeFile(join(app.dir, 'flows/app.xml'), flow('v2'));
    let reloaded = false;
    const reload = app.runtime.reload().then((outcome) => ((reloaded = true), outcome));
    await sleep(200);
    expect(reloaded).toBe(false);
    up.releaseAll();
    expect(await reload).toMatchObject({ ok: true, replaced: ['main'] });
    expect(up.paths()).toEqual(['/hold', '/done']);
    expect(await (await fetch(app.url('/go'))).text()).toBe('v2');
    await until(() => up!.held.length === 1, 'the new version calling');
    up.releaseAll();
  });
});
