import type { DeadLetter } from '../queues/queue.js';
import { decodeValue } from '../util/value-codec.js';

/** The most of one message's text the admin API shows: a list of dead letters stays a few MiB at most. */
export const MAX_BODY_CHARS = 16 * 1024;

/** A dead letter as the admin API shows it: times as ISO 8601, the body decoded for reading. */
export interface DeadLetterView {
  readonly id: string;
  readonly correlationId: string;
  readonly attempt: number;
  readonly reason: string;
  readonly failedAt: string;
  readonly publishedAt: string;
  /** The message, decoded; or its text when it does not decode or is cut (see `bodyFormat`). */
  readonly body: unknown;
  /**
   * `decoded`: what the publisher sent, binary shown as text when it is UTF-8, else as
   * `{"base64"}`; `text`: the stored text, which is not the value codec's; `truncated`: the first
   * MAX_BODY_CHARS characters of the stored text.
   */
  readonly bodyFormat: 'decoded' | 'text' | 'truncated';
  /** The stored text's length, in characters. */
  readonly bodyChars: number;
}

export function viewDeadLetter(letter: DeadLetter): DeadLetterView {
  const { id, correlationId, attempt, reason } = letter;
  const times = { failedAt: iso(letter.failedAt), publishedAt: iso(letter.publishedAt) };
  return { id, correlationId, attempt, reason, ...times, ...viewBody(letter.body) };
}

function viewBody(text: string): Pick<DeadLetterView, 'body' | 'bodyFormat' | 'bodyChars'> {
  const bodyChars = text.length;
  if (bodyChars > MAX_BODY_CHARS) return { body: text.slice(0, MAX_BODY_CHARS), bodyFormat: 'truncated', bodyChars };
  let decoded: unknown;
  try {
    decoded = decodeValue(text);
  } catch {
    return { body: text, bodyFormat: 'text', bodyChars };
  }
  return { body: readable(decoded), bodyFormat: 'decoded', bodyChars };
}

/** A decoded value as plain JSON: what JSON cannot hold becomes what a reader recognises. */
function readable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return binary(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(readable);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v)]));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function binary(bytes: Uint8Array): unknown {
  try {
    return UTF8.decode(bytes);
  } catch {
    return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  }
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
