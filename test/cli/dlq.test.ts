import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DlqOptions } from '../../src/cli/commands/dlq.js';
import { dlqList, dlqPurge, dlqReplay } from '../../src/cli/commands/dlq.js';
import type { ScheduleAction, SchedulesOptions } from '../../src/cli/commands/schedules.js';
import { scheduleAction, schedulesList } from '../../src/cli/commands/schedules.js';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { encodeValue } from '../../src/util/value-codec.js';
import { ADMIN_TOKEN, mule, writeApp } from '../helpers/app.js';
import { cli, killChildren, run } from '../helpers/cli.js';
import type { FakeQueue, FakeSchedule } from '../helpers/queue-fakes.js';
import { FakeQueueFactory, FakeScheduleFactory, letter } from '../helpers/queue-fakes.js';

const queues = new FakeQueueFactory();
const schedules = new FakeScheduleFactory();
let runtime: Runtime;
let dir: string;
let to: string;
let invoices: FakeQueue;
let poll: FakeSchedule;

beforeAll(async () => {
  invoices = queues.add('orders/invoices');
  queues.add('billing/invoices');
  queues.add('billing/ledger').failure = 'reject';
  poll = schedules.add('orders/poll', Date.UTC(2030, 0, 1, 12));
  schedules.add('billing/poll');
  dir = await writeApp({ 'flows/app.xml': mule(`<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="hi"/></flow>`) });
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, admin: { port: 0, token: ADMIN_TOKEN }, queues, schedules });
  runtime = started.runtime!;
  to = `http://127.0.0.1:${runtime.adminPort}`;
});
afterAll(async () => {
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => killChildren());

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => void ((text += chunk.toString()), done()) });
  return { stream, text: () => text };
}

/**
 * The command functions the binary calls, with the binary's argument shapes: spawning the bin
 * for every case would cost the file most of a second per case; the bin itself is run below.
 */
async function flowrt(...args: string[]): Promise<Outcome> {
  const [command, sub, ...rest] = args;
  const positional = rest.filter((a, i) => !a.startsWith('--') && !['--app', '--ids', '--limit'].includes(rest[i - 1] ?? ''));
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i < 0 ? undefined : rest[i + 1];
  };
  const options = { to, token: ADMIN_TOKEN, app: flag('app'), ids: flag('ids'), limit: flag('limit'), json: rest.includes('--json') };
  const out = sink();
  const err = sink();
  const name = positional[0];
  let code: number;
  if (command === 'dlq' && sub === 'list') code = await dlqList(name, options as DlqOptions, out.stream, err.stream);
  else if (command === 'dlq') code = await (sub === 'replay' ? dlqReplay : dlqPurge)(name!, options as DlqOptions, out.stream, err.stream);
  else if (sub === 'list') code = await schedulesList(name, options as SchedulesOptions, out.stream, err.stream);
  else code = await scheduleAction(sub as ScheduleAction, name!, options as SchedulesOptions, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('flowrt dlq', () => {
  it('is a command of the bin, listed in --help with list, replay and purge, and runs', async () => {
    const { code, stdout } = await run(['dlq', '--help']);
    expect(code).toBe(0);
    for (const sub of ['list', 'replay', 'purge']) expect(stdout).toMatch(new RegExp(`^\\s+${sub} \\[options\\]`, 'm'));
    const listed = await run(['dlq', 'list', '--app', 'orders', '--to', to, '--token', ADMIN_TOKEN]);
    expect(listed).toEqual({ code: 0, stdout: 'orders/invoices  waiting 0  active 0  dead letters 0\n', stderr: '' });
    const missing = await run(['dlq', 'replay', '--to', to, '--token', ADMIN_TOKEN]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/missing required argument 'queue'/) });
  });

  it('list without a queue shows every queue with its counts, a failing one with its error', async () => {
    invoices.waiting = 2;
    expect(await flowrt('dlq', 'list')).toEqual({
      code: 0,
      stdout:
        'billing/invoices  waiting 0  active 0  dead letters 0\n' +
        'billing/ledger  error: Connection is closed.\n' +
        'orders/invoices  waiting 2  active 0  dead letters 0\n',
      stderr: '',
    });
    expect((await flowrt('dlq', 'list', '--app', 'orders')).stdout).toBe('orders/invoices  waiting 2  active 0  dead letters 0\n');
  });

  it('list QUEUE shows the dead letters, the body decoded', async () => {
    invoices.letters = [letter('7', encodeValue({ payload: Buffer.from('{"order":7}') })), letter('8', 'plain')];
    const listed = await flowrt('dlq', 'list', 'invoices', '--app', 'orders');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(
      'orders/invoices: 2 dead letters\n' +
        '7  attempt 3  failed 2023-11-14T22:14:20.000Z  correlation corr-7\n' +
        '  reason: APP:BOOM: it broke\n' +
        '  body: {"payload":"{\\"order\\":7}"}\n' +
        '8  attempt 3  failed 2023-11-14T22:14:20.000Z  correlation corr-8\n' +
        '  reason: APP:BOOM: it broke\n' +
        '  body: plain (not decoded)\n',
    );
    const json = await flowrt('dlq', 'list', 'orders/invoices', '--json', '--limit', '1');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id: '7', body: { payload: '{"order":7}' } })]);
  });

  it('replay and purge say how many, and warn about ids that were not dead letters', async () => {
    invoices.letters = [letter('1', '1'), letter('2', '2'), letter('3', '3'), letter('4', '4')];
    invoices.waiting = 0;
    expect(await flowrt('dlq', 'replay', 'orders/invoices', '--ids', '1,9')).toEqual({
      code: 0,
      stdout: 'replayed 1 dead letter of orders/invoices\n',
      stderr: 'warning: 1 of the 2 ids given is not a dead letter of orders/invoices\n',
    });
    expect(invoices.waiting).toBe(1);
    expect(await flowrt('dlq', 'purge', 'invoices', '--app', 'orders', '--ids', '2, 3')).toMatchObject({
      code: 0,
      stdout: 'purged 2 dead letters of orders/invoices\n',
    });
    expect(await flowrt('dlq', 'purge', 'orders/invoices')).toMatchObject({ code: 0, stdout: 'purged 1 dead letter of orders/invoices\n', stderr: '' });
    expect(invoices.letters).toEqual([]);
  });

  it('exits 1 with the reason: ambiguous, unknown, unreachable backend, no admin URL, wrong token, bad --ids', async () => {
    const ambiguous = await flowrt('dlq', 'list', 'invoices');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/^error: GET \/queues\/invoices\/dead-letters failed \(HTTP 409\): .*billing\/invoices, orders\/invoices/);
    const unknown = await flowrt('dlq', 'replay', 'nope');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/HTTP 404\): no queue "nope"/) });
    expect(await flowrt('dlq', 'purge', 'ledger')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/HTTP 503\): billing\/ledger: Connection is closed/),
    });
    expect(await flowrt('dlq', 'replay', 'ledger', '--ids', ' , ')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: --ids needs at least one id/),
    });
    const noUrl = sink();
    expect(await dlqList(undefined, { token: ADMIN_TOKEN, to: '' }, sink().stream, noUrl.stream)).toBe(1);
    expect(noUrl.text()).toMatch(/--to URL .* or FLOWRT_ADMIN_URL/);
    const wrong = sink();
    expect(await dlqList(undefined, { to, token: 'wrong-wrong-wrong-wrong' }, sink().stream, wrong.stream)).toBe(1);
    expect(wrong.text()).toMatch(/HTTP 401/);
  });
});

describe('flowrt schedules', () => {
  it('lists the schedules, or one', async () => {
    expect(await flowrt('schedules', 'list')).toEqual({
      code: 0,
      stdout: 'billing/poll  ticking, next at 2030-01-01T00:00:00.000Z\norders/poll  ticking, next at 2030-01-01T12:00:00.000Z\n',
      stderr: '',
    });
    expect((await flowrt('schedules', 'list', 'poll', '--app', 'billing')).stdout).toBe('billing/poll  ticking, next at 2030-01-01T00:00:00.000Z\n');
  });

  it('triggers, pauses and resumes one, taking FLOWRT_ADMIN_URL and FLOWRT_ADMIN_TOKEN', async () => {
    expect(await flowrt('schedules', 'trigger', 'orders/poll')).toMatchObject({ code: 0, stdout: 'triggered orders/poll: one runtime runs the tick now\n' });
    expect(poll.triggered).toBe(1);
    // The bin, as a user runs it: the admin API and token from the environment.
    const paused = cli(['schedules', 'pause', 'poll', '--app', 'orders'], { env: { FLOWRT_ADMIN_URL: to, FLOWRT_ADMIN_TOKEN: ADMIN_TOKEN } });
    expect(await paused.exited(10_000)).toBe(0);
    expect(paused.stdout()).toBe('paused orders/poll: paused\n');
    expect(poll.paused).toBe(true);
    expect((await flowrt('schedules', 'list', 'orders/poll')).stdout).toBe('orders/poll  paused\n');
    expect(await flowrt('schedules', 'resume', 'orders/poll')).toMatchObject({
      code: 0,
      stdout: 'resumed orders/poll: ticking, next at 2030-01-01T12:00:00.000Z\n',
    });
  });

  it('exits 1 for an unknown or ambiguous schedule and without a name', async () => {
    expect(await flowrt('schedules', 'trigger', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/HTTP 404\): no schedule "nope"/) });
    expect(await flowrt('schedules', 'pause', 'poll')).toMatchObject({ code: 1, stderr: expect.stringMatching(/HTTP 409\)/) });
    expect((await run(['schedules', 'trigger', '--to', to, '--token', ADMIN_TOKEN])).stderr).toMatch(/missing required argument 'name'/);
    expect(poll.triggered).toBe(1);
    expect(poll.paused).toBe(false);
  });
});
