import type { Out } from '../admin-client.js';
import { fail } from '../admin-client.js';
import type { AdminTarget } from '../admin-command.js';
import { askAdmin, query } from '../admin-command.js';

export interface DlqOptions extends AdminTarget {
  /** The app whose queue it is, when several apps have a queue of that name. */
  readonly app?: string;
  /** `--ids a,b`: only these dead letters (replay, purge). */
  readonly ids?: string;
  /** `--limit N`: at most this many dead letters listed. */
  readonly limit?: string;
  readonly json?: boolean;
}

interface QueueRow {
  name: string;
  app: string;
  waiting?: number;
  active?: number;
  deadLetters?: number;
  error?: string;
}

interface DeadLetterRow {
  id: string;
  correlationId: string;
  attempt: number;
  reason: string;
  failedAt: string;
  body: unknown;
  bodyFormat: 'decoded' | 'text' | 'truncated';
  bodyChars: number;
}

/** How much of a body one line shows; `--json` shows what the runtime sent. */
const BODY_PREVIEW = 200;

/**
 * `flowrt dlq list [QUEUE]`: without a queue, every queue with its counts; with one, its dead
 * letters (id, attempt, when, why, and the start of the body).
 */
export async function dlqList(queue: string | undefined, options: DlqOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  if (queue === undefined) {
    const answer = await askAdmin<{ queues: QueueRow[] }>(options, { method: 'GET', path: 'queues' }, err);
    if (!answer) return 1;
    const rows = answer.queues.filter((q) => options.app === undefined || q.app === options.app);
    if (options.json) out.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length === 0) out.write(options.app === undefined ? 'no queues\n' : `no queues in app ${options.app}\n`);
    else
      for (const q of rows)
        out.write(`${q.name}  ${q.error ? `error: ${q.error}` : `waiting ${q.waiting}  active ${q.active}  dead letters ${q.deadLetters}`}\n`);
    return 0;
  }
  const limit = options.limit;
  if (limit !== undefined && !/^\d+$/.test(limit)) return fail(err, `--limit must be a whole number, got "${limit}"`);
  const path = `${queuePath(queue)}/dead-letters${query({ app: options.app, limit })}`;
  const answer = await askAdmin<{ name: string; deadLetters: DeadLetterRow[] }>(options, { method: 'GET', path }, err);
  if (!answer) return 1;
  const letters = answer.deadLetters;
  if (options.json) out.write(`${JSON.stringify(letters, null, 2)}\n`);
  else if (letters.length === 0) out.write(`${answer.name}: no dead letters\n`);
  else printLetters(answer.name, letters, limit, out);
  return 0;
}

function printLetters(name: string, letters: readonly DeadLetterRow[], limit: string | undefined, out: Out): void {
  const more = limit !== undefined && letters.length === Number(limit) ? ` (the first ${limit}; --limit for more)` : '';
  out.write(`${name}: ${plural(letters.length, 'dead letter')}${more}\n`);
  for (const l of letters) {
    out.write(`${l.id}  attempt ${l.attempt}  failed ${l.failedAt}  correlation ${l.correlationId}\n`);
    out.write(`  reason: ${l.reason}\n`);
    out.write(`  body: ${preview(l)}\n`);
  }
}

/** `flowrt dlq replay QUEUE [--ids a,b]`: the dead letters (all, or those) back on the queue for new attempts. */
export async function dlqReplay(queue: string, options: DlqOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const ids = idsOf(options);
  if (typeof ids === 'string') return fail(err, ids);
  const body = ids === undefined ? undefined : JSON.stringify({ ids });
  const path = `${queuePath(queue)}/dead-letters/replay${query({ app: options.app })}`;
  const answer = await askAdmin<{ name: string; replayed: number }>(options, { method: 'POST', path, body, contentType: 'application/json' }, err);
  if (!answer) return 1;
  out.write(`replayed ${plural(answer.replayed, 'dead letter')} of ${answer.name}\n`);
  warnMissing(ids, answer.replayed, answer.name, err);
  return 0;
}

/** `flowrt dlq purge QUEUE [--ids a,b]`: deletes the dead letters (all, or those). */
export async function dlqPurge(queue: string, options: DlqOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const ids = idsOf(options);
  if (typeof ids === 'string') return fail(err, ids);
  const path = `${queuePath(queue)}/dead-letters${query({ app: options.app, ids: ids?.join(',') })}`;
  const answer = await askAdmin<{ name: string; purged: number }>(options, { method: 'DELETE', path }, err);
  if (!answer) return 1;
  out.write(`purged ${plural(answer.purged, 'dead letter')} of ${answer.name}\n`);
  warnMissing(ids, answer.purged, answer.name, err);
  return 0;
}

/** `app/queue` is one path segment: its slash encoded. */
function queuePath(queue: string): string {
  return `queues/${encodeURIComponent(queue)}`;
}

/** The ids of `--ids a,b`, undefined for all, or why they are not ids. */
function idsOf(options: DlqOptions): string[] | undefined | string {
  if (options.ids === undefined) return undefined;
  const ids = options.ids
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids.length > 0 ? ids : '--ids needs at least one id: --ids ID[,ID…] (flowrt dlq list QUEUE shows them)';
}

function warnMissing(ids: readonly string[] | undefined, done: number, name: string, err: Out): void {
  if (ids && done < ids.length)
    err.write(
      `warning: ${ids.length - done} of the ${plural(ids.length, 'id')} given ${ids.length - done === 1 ? 'is' : 'are'} not a dead letter of ${name}\n`,
    );
}

function preview(letter: DeadLetterRow): string {
  const text = letter.bodyFormat === 'decoded' ? JSON.stringify(letter.body) : String(letter.body);
  const cut = text.length > BODY_PREVIEW || letter.bodyFormat === 'truncated';
  return `${cut ? `${text.slice(0, BODY_PREVIEW)}… (${letter.bodyChars} characters)` : text}${letter.bodyFormat === 'text' ? ' (not decoded)' : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
