import { OS } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import type { FlowEvent } from '../../runtime/event.js';
import { StoreUnavailableError } from '../../stores/store-error.js';
import { decodeValue, encodeValue } from '../../util/value-codec.js';
import type { OpenObjectStore } from './open-store.js';

/** What an entry holds: the value with its type kept, and its media type (Mule stores a TypedValue). */
interface Stored {
  readonly value: unknown;
  readonly mediaType?: string;
}

export function encodeStored(value: unknown, mediaType: string | undefined): string {
  return encodeValue(mediaType === undefined ? { value } : { value, mediaType });
}

export function decodeStored(text: string): Stored {
  return decodeValue(text) as Stored;
}

/** The media type a value keeps: the message's when the value is the payload itself. */
export function mediaTypeOf(value: unknown, event: FlowEvent): string | undefined {
  return value === event.message.payload ? event.message.mediaType : undefined;
}

/** The key as text; null, empty or blank is OS:INVALID_KEY, as Mule's validateKey says. */
export async function keyOf(key: Value, event: FlowEvent): Promise<string> {
  const text = toText(await key.evaluate(event));
  if (text.trim() === '') throw new FlowError(OS.INVALID_KEY, 'Key cannot be null nor empty');
  return text;
}

/** A boolean parameter that may be an expression (`failIfPresent="#[vars.strict]"`). */
export async function flag(value: Value | undefined, event: FlowEvent): Promise<boolean> {
  const v = await value?.evaluate(event);
  return v === true || (typeof v === 'string' && v.trim() === 'true');
}

/**
 * Runs an operation on the store: one that cannot be reached (Redis down) is
 * OS:STORE_NOT_AVAILABLE within seconds, rather than a wait or MULE:UNKNOWN.
 *
 * @example
 * const text = await storeCall(store, (entries) => entries.get(key));
 */
export async function storeCall<T>(store: OpenObjectStore, run: (entries: OpenObjectStore['entries']) => Promise<T>): Promise<T> {
  try {
    return await run(store.entries);
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    throw new FlowError(OS.STORE_NOT_AVAILABLE, `object store "${store.name}" is not available at the moment: ${e.message}`, { cause: e });
  }
}
