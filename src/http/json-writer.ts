import { meter } from '../util/fair-share.js';

/**
 * JSON text of a value, exactly as `JSON.stringify(value)` writes it, without holding the event
 * loop: a small value is handed to JSON.stringify at once; a large or deeply nested one is written
 * by an explicit stack, stepping aside between slices (util/fair-share.ts). JSON.stringify itself
 * would block for ~100 ms on a 9 MB payload and throws "Maximum call stack size exceeded" past a
 * few thousand levels of nesting, which a request body can easily have.
 *
 * The text of a small value comes back at once, not as a promise: a response of a few fields (nearly
 * every one) costs no more than JSON.stringify.
 *
 * Throws (or, for a large value, rejects with) JSON.stringify's TypeErrors (a BigInt, a circular structure).
 */
export function writeJson(value: unknown): string | undefined | Promise<string | undefined> {
  return isSmall(value, SMALL_NODES, SMALL_DEPTH) ? JSON.stringify(value) : writeLarge(value);
}

/** Containers and leaves looked at before a value counts as large. */
const SMALL_NODES = 4_096;
/** Nesting that JSON.stringify's recursion surely survives. */
const SMALL_DEPTH = 256;
/** A member of a large value this small is written by JSON.stringify in one go (the items of a big list). */
const PIECE_NODES = 64;
const PIECE_DEPTH = 16;

/** Whether the value has at most `nodes` nodes nested at most `depth` deep (stops looking past either). */
function isSmall(value: unknown, nodes: number, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  const budget = { left: nodes };
  return fits(value, maxDepth, budget);
}

/**
 * `value` and what it holds fit in `budget` within `depthLeft` levels. Recursive: the depth is
 * bounded by SMALL_DEPTH / PIECE_DEPTH, and no frame object is allocated per container.
 */
function fits(value: object, depthLeft: number, budget: { left: number }): boolean {
  if (depthLeft === 0) return false;
  // Bytes are written as {type, data: [...]}, a number per byte: counted, not listed.
  if (ArrayBuffer.isView(value)) return (budget.left -= value.byteLength) >= 0;
  const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
  if ((budget.left -= items.length + 1) < 0) return false;
  for (const item of items) {
    if (item !== null && typeof item === 'object' && !fits(item, depthLeft - 1, budget)) return false;
  }
  return true;
}

/** An array or object being written: its members still to go. */
interface Frame {
  readonly value: object;
  readonly keys?: readonly string[];
  readonly length: number;
  index: number;
  wroteOne: boolean;
}

async function writeLarge(root: unknown): Promise<string | undefined> {
  const out: string[] = [];
  const open = new Set<object>();
  const stack: Frame[] = [];
  const step = meter();

  /** Writes a leaf, or opens a container (true); undefined when the value is skipped (undefined, functions, symbols). */
  const start = (raw: unknown, key: string): boolean | undefined => {
    const value = prepared(raw, key);
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
    if (value === null || typeof value !== 'object') {
      out.push(JSON.stringify(value));
      return false;
    }
    if (open.has(value)) throw new TypeError('Converting circular structure to JSON');
    // A small piece in one native call; a toJSON of its own was already called with its key above.
    if (value === raw && isSmall(value, PIECE_NODES, PIECE_DEPTH) && !hasCycleTo(value, open)) {
      out.push(JSON.stringify(value));
      return false;
    }
    open.add(value);
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ value, length: value.length, index: 0, wroteOne: false });
    } else {
      const keys = Object.keys(value);
      out.push('{');
      stack.push({ value, keys, length: keys.length, index: 0, wroteOne: false });
    }
    return true;
  };

  if (start(root, '') === undefined) return undefined;
  while (stack.length > 0) {
    const wait = step();
    if (wait) await wait;
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.length) {
      out.push(frame.keys ? '}' : ']');
      open.delete(frame.value);
      stack.pop();
      continue;
    }
    const i = frame.index++;
    if (frame.keys) {
      const key = frame.keys[i]!;
      const mark = out.length;
      out.push(frame.wroteOne ? ',' : '', JSON.stringify(key), ':');
      // A member whose value writes nothing is left out, its key and comma with it.
      if (start((frame.value as Record<string, unknown>)[key], key) === undefined) out.length = mark;
      else frame.wroteOne = true;
    } else {
      if (frame.wroteOne) out.push(',');
      frame.wroteOne = true;
      if (start((frame.value as unknown[])[i], String(i)) === undefined) out.push('null');
    }
  }
  return out.join('');
}

/** Whether a small piece refers back to a container being written (JSON.stringify would not see that). */
function hasCycleTo(piece: object, open: ReadonlySet<object>): boolean {
  if (open.size === 0) return false;
  const stack: object[] = [piece];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (ArrayBuffer.isView(v)) continue;
    for (const item of Array.isArray(v) ? v : Object.values(v)) {
      if (item === null || typeof item !== 'object') continue;
      if (open.has(item)) return true;
      stack.push(item as object);
    }
  }
  return false;
}

/** What JSON.stringify writes for a value: its toJSON(key), primitives out of their wrappers. */
function prepared(value: unknown, key: string): unknown {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = (toJSON as (k: string) => unknown).call(v, key);
  }
  if (v instanceof Number) return Number(v);
  if (v instanceof String) return String(v);
  if (v instanceof Boolean) return v.valueOf();
  if (typeof v === 'bigint' || (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object BigInt]')) {
    throw new TypeError('Do not know how to serialize a BigInt');
  }
  return v;
}
