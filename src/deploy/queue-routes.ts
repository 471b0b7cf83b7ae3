import type Router from '@koa/router';
import type { Context } from 'koa';
import { jsonBody } from '../gateway/json-body.js';
import type { MessageQueue, QueueFactory } from '../queues/queue.js';
import type { RunningSchedule, ScheduleFactory } from '../queues/schedule.js';
import { withTimeout } from '../util/with-timeout.js';
import { viewDeadLetter } from './dead-letter-view.js';
import type { ScopedName } from './queue-names.js';
import { lookUp, splitName } from './queue-names.js';

/** How long a route waits for the queues' backend: a read answers 503 past this, a change (replay, purge) later. */
const READ_MS = 5_000;
const CHANGE_MS = 30_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

type Found<T> = ScopedName & { readonly name: string; readonly value: T };

/**
 * The admin routes that operate VM queues and schedulers: their state, the dead letters (listed,
 * replayed, purged) and a schedule's trigger, pause and resume. A queue or schedule is named as
 * its factory holds it, `app/name` (URL-encoded: `orders%2Finvoices`), or by its own name when
 * one app has it, or with `?app=`. The backend (Redis) not answering is 503, never a hang.
 */
export function queueRoutes(router: Router, queues: QueueFactory, schedules: ScheduleFactory): void {
  router.get('/queues', async (ctx) => {
    ctx.body = { queues: await Promise.all(sorted(queues.opened()).map(describeQueue)) };
  });
  router.get('/queues/:name', async (ctx) => {
    const queue = find(ctx, queues.opened(), 'queue');
    const stats = queue && (await ask(ctx, queue.name, READ_MS, () => queue.value.stats()));
    if (queue && stats) ctx.body = { ...names(queue), ...stats };
  });
  router.get('/queues/:name/dead-letters', async (ctx) => {
    const limit = limitOf(ctx);
    const queue = limit && find(ctx, queues.opened(), 'queue');
    const letters = queue && (await ask(ctx, queue.name, READ_MS, () => queue.value.deadLetters(limit)));
    if (queue && letters) ctx.body = { ...names(queue), deadLetters: letters.map(viewDeadLetter) };
  });
  router.post('/queues/:name/dead-letters/replay', jsonBody, async (ctx) => {
    const ids = idsOf(ctx, false);
    const queue = ids && find(ctx, queues.opened(), 'queue');
    const replayed = queue && (await ask(ctx, queue.name, CHANGE_MS, () => queue.value.replay(ids.all ? undefined : ids.ids)));
    if (queue && replayed !== undefined) ctx.body = { name: queue.name, replayed };
  });
  router.delete('/queues/:name/dead-letters', jsonBody, async (ctx) => {
    const ids = idsOf(ctx, true);
    const queue = ids && find(ctx, queues.opened(), 'queue');
    const purged = queue && (await ask(ctx, queue.name, CHANGE_MS, () => queue.value.purge(ids.all ? undefined : ids.ids)));
    if (queue && purged !== undefined) ctx.body = { name: queue.name, purged };
  });

  router.get('/schedules', async (ctx) => {
    ctx.body = { schedules: await Promise.all(sorted(schedules.running()).map(describeSchedule)) };
  });
  router.get('/schedules/:name', async (ctx) => {
    const schedule = find(ctx, schedules.running(), 'schedule');
    const state = schedule && (await ask(ctx, schedule.name, READ_MS, () => schedule.value.state()));
    if (schedule && state) ctx.body = scheduleView(schedule, state);
  });
  // A trigger is a tick handed to the cluster: one runtime runs it, later (RFC 9110 §15.3.3).
  router.post('/schedules/:name/trigger', async (ctx) => {
    const schedule = find(ctx, schedules.running(), 'schedule');
    if (!schedule || !(await ask(ctx, schedule.name, CHANGE_MS, () => schedule.value.trigger().then(() => true)))) return;
    ctx.status = 202;
    ctx.body = { ...scheduleNames(schedule), triggered: true };
  });
  for (const action of ['pause', 'resume'] as const) {
    router.post(`/schedules/:name/${action}`, async (ctx) => {
      const schedule = find(ctx, schedules.running(), 'schedule');
      const state = schedule && (await ask(ctx, schedule.name, CHANGE_MS, () => schedule.value[action]().then(() => schedule.value.state())));
      if (schedule && state) ctx.body = scheduleView(schedule, state);
    });
  }
}

async function describeQueue(entry: Found<MessageQueue>): Promise<Record<string, unknown>> {
  try {
    return { ...names(entry), ...(await withTimeout(entry.value.stats(), READ_MS, () => new Error(`no answer within ${READ_MS} ms`))) };
  } catch (e) {
    return { ...names(entry), error: messageOf(e) };
  }
}

async function describeSchedule(entry: Found<RunningSchedule>): Promise<Record<string, unknown>> {
  try {
    return scheduleView(entry, await withTimeout(entry.value.state(), READ_MS, () => new Error(`no answer within ${READ_MS} ms`)));
  } catch (e) {
    return { ...scheduleNames(entry), error: messageOf(e) };
  }
}

function names(entry: Found<unknown>): { name: string; app: string; queue: string } {
  return { name: entry.name, app: entry.app, queue: entry.local };
}

function scheduleNames(entry: Found<unknown>): { name: string; app: string; flow: string } {
  return { name: entry.name, app: entry.app, flow: entry.local };
}

function scheduleView(entry: Found<unknown>, state: { readonly paused: boolean; readonly nextAt?: number }): Record<string, unknown> {
  return { ...scheduleNames(entry), paused: state.paused, nextAt: state.nextAt === undefined ? null : new Date(state.nextAt).toISOString() };
}

function sorted<T>(entries: ReadonlyMap<string, T>): Array<Found<T>> {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value, ...splitName(name) }));
}

/** The queue or schedule the path names, or undefined with the answer that says why not. */
function find<T>(ctx: Context, entries: ReadonlyMap<string, T>, kind: 'queue' | 'schedule'): Found<T> | undefined {
  const given = ctx.params.name!;
  const app = ctx.query.app;
  if (Array.isArray(app)) return void problem(ctx, 400, 'invalid_request', 'give ?app= once');
  const lookup = lookUp(entries, given, app);
  if ('found' in lookup) return lookup.found;
  if ('missing' in lookup)
    return void problem(ctx, 404, 'not_found', `no ${kind} "${given}"${app === undefined ? '' : ` in app ${app}`}: GET /${kind}s lists them`);
  const example = encodeURIComponent(lookup.ambiguous[0]!);
  problem(
    ctx,
    409,
    'ambiguous',
    `"${given}" names a ${kind} of several apps (${lookup.ambiguous.join(', ')}): name one as app/${kind} URL-encoded (${example}) or add ?app=`,
  );
}

/** The backend's answer, or undefined with a 503 that says what failed. */
async function ask<T>(ctx: Context, name: string, ms: number, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withTimeout(Promise.resolve().then(work), ms, () => new Error(`no answer within ${ms} ms`));
  } catch (e) {
    problem(ctx, 503, 'unavailable', `${name}: ${messageOf(e)}`);
    return undefined;
  }
}

function limitOf(ctx: Context): number | undefined {
  const given = ctx.query.limit;
  if (given === undefined) return DEFAULT_LIMIT;
  const limit = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : NaN;
  if (limit >= 1 && limit <= MAX_LIMIT) return limit;
  return void problem(ctx, 400, 'invalid_request', `limit must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(given)}`);
}

/**
 * The dead letters a change is for: `{"ids": [...]}` in the body, or on DELETE `?ids=a,b` (a
 * DELETE's content has no defined meaning, RFC 9110 §9.3.5, and some clients cannot send one); all without.
 */
function idsOf(ctx: Context, query: boolean): { readonly all: boolean; readonly ids: readonly string[] } | undefined {
  const body = (ctx.request as { body?: unknown }).body;
  const inQuery = query ? ctx.query.ids : undefined;
  if (body !== undefined && inQuery !== undefined) return void problem(ctx, 400, 'invalid_request', 'give the ids in the body or in ?ids=, not both');
  if (inQuery !== undefined)
    return {
      all: false,
      ids: [inQuery]
        .flat()
        .flatMap((s) => s.split(','))
        .filter((s) => s !== ''),
    };
  if (body === undefined) return { all: true, ids: [] };
  const ids = body && typeof body === 'object' && !Array.isArray(body) ? (body as { ids?: unknown }).ids : undefined;
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return { all: false, ids };
  problem(ctx, 400, 'invalid_request', 'the body must be {"ids": ["…", …]}, or empty for every dead letter');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function problem(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.body = { error, error_description: description };
}
