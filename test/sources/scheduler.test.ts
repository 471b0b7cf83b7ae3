import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, TestApp } from '../helpers/app.js';
import { ADMIN_TOKEN, load, mule, start } from '../helpers/app.js';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';
import { expectOnGrid, until } from '../queues/schedule-conformance.js';
import { fired } from './scheduler-logs.js';

const running: TestApp[] = [];
const servers: Upstream[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function run(body: string): Promise<TestApp> {
  const app = await start(mule(body, { listener: false }));
  running.push(app);
  return app;
}

const lines = (logs: readonly LogLine[], msg: string) => logs.filter((l) => l.msg === msg);

describe('scheduler', () => {
  it('runs its flow at a fixed frequency, with a null payload and no attributes', async () => {
    const app = await run(`<flow name="poll">
      <scheduler doc:name="Scheduler"><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
      <logger message="#['tick ' &amp; $type(payload) &amp; ' ' &amp; $exists(attributes)]"/>
    </flow>`);
    await until(() => lines(app.logs, 'tick null false').length >= 3, '3 ticks');
    expectOnGrid(fired(app.logs, 'poll'), 100);
  });

  it('reads frequency and startDelay in timeUnit', async () => {
    const started = Date.now();
    const app = await run(`<flow name="poll">
      <scheduler><scheduling-strategy><fixed-frequency frequency="1" startDelay="1" timeUnit="SECONDS"/></scheduling-strategy></scheduler>
      <logger message="tick"/>
    </flow>`);
    await until(() => fired(app.logs).length >= 2, '2 ticks');
    const due = fired(app.logs);
    expect(due[0]).toBeGreaterThanOrEqual(started + 1000);
    expectOnGrid(due, 1000);
  });

  it('runs its flow on a Quartz cron expression, in its time zone', async () => {
    const app = await run(`<flow name="cron">
      <scheduler><scheduling-strategy><cron expression="0/1 * * ? * *" timeZone="America/New_York"/></scheduling-strategy></scheduler>
      <logger message="tick"/>
    </flow>`);
    await until(() => fired(app.logs).length >= 2, '2 cron ticks');
    for (const due of fired(app.logs)) expect(due % 1000).toBe(0);
  });

  it('goes on after the flow fails, logging the failure where it happened', async () => {
    const app = await run(`<flow name="failing">
      <scheduler><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
      <logger message="before"/>
      <raise-error type="APP:BOOM" description="boom"/>
    </flow>`);
    await until(() => lines(app.logs, 'before').length >= 3, '3 failing ticks');
    const failure = app.logs.find((l) => l.msg === 'boom');
    expect(failure).toMatchObject({ errorType: 'APP:BOOM', flow: 'failing' });
    expect(String(failure!.element)).toMatch(/raise-error.*app\.xml:\d+:\d+/);
  });

  it('skips a tick while the last one still runs when disallowConcurrentExecution is true', async () => {
    const slow = await upstream((_req, res) => void setTimeout(() => res.end('done'), 350));
    servers.push(slow);
    const app = await run(`<http:request-config name="backend"><http:request-connection host="127.0.0.1" port="${slow.port}"/></http:request-config>
    <flow name="slow">
      <scheduler disallowConcurrentExecution="true"><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
      <http:request config-ref="backend" path="/work"/>
    </flow>`);
    await until(() => slow.received.length >= 3, '3 slow ticks');
    const due = fired(app.logs);
    // Each tick ran 350 ms of a 100 ms period: the ones due meanwhile were skipped, not queued.
    for (let i = 1; i < due.length; i++) expect(due[i]! - due[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('lets ticks overlap by default, as Mule does', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = await upstream((_req, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('done');
      }, 350);
    });
    servers.push(slow);
    await run(`<http:request-config name="backend"><http:request-connection host="127.0.0.1" port="${slow.port}"/></http:request-config>
    <flow name="slow">
      <scheduler><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
      <http:request config-ref="backend" path="/work"/>
    </flow>`);
    await until(() => most >= 2, 'two ticks at once');
  });

  it("skips a tick the flow's maxConcurrency has no room for (Mule's back-pressure)", async () => {
    const slow = await upstream((_req, res) => void setTimeout(() => res.end('done'), 350));
    servers.push(slow);
    const app = await run(`<http:request-config name="backend"><http:request-connection host="127.0.0.1" port="${slow.port}"/></http:request-config>
    <flow name="slow" maxConcurrency="1">
      <scheduler><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
      <http:request config-ref="backend" path="/work"/>
    </flow>`);
    await until(() => lines(app.logs, 'scheduler tick skipped: the flow runs its maxConcurrency events already').length >= 2, 'skipped ticks');
    expect(slow.received.length).toBeLessThanOrEqual(fired(app.logs).length);
  });

  it('does not run the flow of a flow that is initially stopped', async () => {
    const app = await run(`<flow name="off" initialState="stopped">
      <scheduler><scheduling-strategy><fixed-frequency frequency="50"/></scheduling-strategy></scheduler>
      <logger message="tick"/>
    </flow>`);
    await sleep(300);
    expect(fired(app.logs)).toEqual([]);
  });

  it('a hot reload hands the schedule to the new version: no tick doubled, the old version stops', async () => {
    const flow = (version: string, frequency: number) => `<flow name="poll">
      <scheduler><scheduling-strategy><fixed-frequency frequency="${frequency}"/></scheduling-strategy></scheduler>
      <logger message="${version}"/>
    </flow>`;
    const app = await run(flow('v1', 100));
    await until(() => lines(app.logs, 'v1').length >= 2, '2 ticks of v1');
    await writeFile(join(app.dir, 'flows', 'app.xml'), mule(flow('v2', 100), { listener: false }));
    expect((await app.runtime.reload()).ok).toBe(true);
    const v1 = lines(app.logs, 'v1').length;
    await until(() => lines(app.logs, 'v2').length >= 3, '3 ticks of v2');
    expect(lines(app.logs, 'v1').length).toBe(v1);
    expectOnGrid(fired(app.logs), 100);
  });

  it('a hot reload that changes the timing applies it from then on', async () => {
    const flow = (frequency: number) => `<flow name="poll">
      <scheduler><scheduling-strategy><fixed-frequency frequency="${frequency}"/></scheduling-strategy></scheduler>
      <logger message="f${frequency}"/>
    </flow>`;
    const app = await run(flow(100));
    await until(() => lines(app.logs, 'f100').length >= 1, 'a tick');
    await writeFile(join(app.dir, 'flows', 'app.xml'), mule(flow(300), { listener: false }));
    expect((await app.runtime.reload()).ok).toBe(true);
    const before = fired(app.logs).length;
    await until(() => lines(app.logs, 'f300').length >= 3, '3 ticks of the new timing');
    expectOnGrid(fired(app.logs).slice(before), 300);
  });
});

describe('scheduler through the admin API', () => {
  it('is listed, paused, triggered and resumed by its app and flow name', async () => {
    const app = await start(
      mule(
        `<flow name="poll">
          <scheduler><scheduling-strategy><fixed-frequency frequency="100"/></scheduling-strategy></scheduler>
          <logger message="#[correlationId]"/>
        </flow>`,
        { listener: false },
      ),
      { admin: true, extraFiles: { 'flowrt-app.json': JSON.stringify({ name: 'orders' }) } },
    );
    running.push(app);
    const call = async (method: string, path: string) => {
      const res = await fetch(app.adminUrl(path), { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return (await res.json()) as Record<string, unknown>;
    };
    await until(() => fired(app.logs).length >= 1, 'a tick');
    expect(await call('GET', '/schedules')).toMatchObject({ schedules: [{ name: 'orders/poll', paused: false }] });
    expect(await call('POST', '/schedules/orders%2Fpoll/pause')).toMatchObject({ name: 'orders/poll', paused: true, nextAt: null });
    await sleep(150);
    const paused = fired(app.logs).length;
    await sleep(400);
    expect(fired(app.logs).length).toBe(paused);
    await call('POST', '/schedules/orders%2Fpoll/resume');
    await until(() => fired(app.logs).length >= paused + 2, 'ticks after resume');
    await call('POST', '/schedules/orders%2Fpoll/trigger');
    await until(() => app.logs.some((l) => l.msg === 'scheduler fired' && l.manual === true), 'the triggered tick');
  });
});

describe('scheduler load errors', () => {
  async function problems(scheduler: string): Promise<{ code: string; message: string; at: string }[]> {
    const loaded = await load({ 'flows/app.xml': mule(`<flow name="poll">\n${scheduler}\n<logger/></flow>`, { listener: false }) });
    return loaded.diagnostics.map((d) => ({ code: d.code, message: d.message, at: `${d.loc?.line}:${d.loc?.col}` }));
  }
  const strategy = (inner: string) => `<scheduler><scheduling-strategy>${inner}</scheduling-strategy></scheduler>`;

  it('refuses an invalid cron expression, where it is written', async () => {
    expect(await problems(strategy('<cron expression="0 0 12 * * *"/>'))).toEqual([
      {
        code: 'invalid-cron-expression',
        message:
          'expression "0 0 12 * * *" is not a Quartz cron expression: one of day-of-month and day-of-week must be ?, and only one: Quartz does not combine them',
        at: '5:51',
      },
    ]);
  });

  it('refuses a time zone nobody knows', async () => {
    expect(await problems(strategy('<cron expression="0 0 12 * * ?" timeZone="Mars/Olympus"/>'))).toEqual([
      { code: 'unknown-time-zone', message: 'timeZone "Mars/Olympus" is not a time zone this runtime knows', at: '5:75' },
    ]);
  });

  it('refuses a frequency below 1 and a negative start delay', async () => {
    expect(await problems(strategy('<fixed-frequency frequency="0" startDelay="-5" timeUnit="SECONDS"/>'))).toEqual([
      { code: 'invalid-frequency', message: 'frequency="0" cannot schedule: a scheduler fires every 1 SECONDS or more', at: '5:61' },
      { code: 'invalid-frequency', message: 'startDelay="-5" cannot schedule: give 0 or more SECONDS', at: '5:76' },
    ]);
  });

  it('refuses what is not a number, a unit Mule does not document, and an expression', async () => {
    const found = await problems(strategy('<fixed-frequency frequency="often" timeUnit="WEEKS"/>'));
    expect(found.map((p) => p.code)).toEqual(['invalid-value', 'invalid-value']);
    const expression = await problems(strategy('<cron expression="#[vars.cron]"/>'));
    expect(expression.map((p) => p.code)).toEqual(['expression-not-allowed']);
  });

  it('needs a scheduling strategy, with one of fixed-frequency and cron', async () => {
    expect((await problems('<scheduler/>')).map((p) => p.code)).toEqual(['missing-element']);
    expect((await problems(strategy(''))).map((p) => p.message)).toEqual(['<scheduling-strategy> needs a <fixed-frequency> or a <cron> element']);
    expect((await problems(strategy('<fixed-frequency/><cron expression="0 0 12 * * ?"/>'))).map((p) => p.message)).toEqual([
      '<scheduling-strategy> takes one strategy: <fixed-frequency> or <cron>',
    ]);
  });

  it('loads a valid scheduler without starting it', async () => {
    expect(
      await problems(
        `<scheduler disallowConcurrentExecution="true">${'<scheduling-strategy><cron expression="0 0/5 * ? * MON-FRI" timeZone="America/New_York"/></scheduling-strategy>'}</scheduler>`,
      ),
    ).toEqual([]);
  });
});
