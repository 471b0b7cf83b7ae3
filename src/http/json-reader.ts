import { pause } from '../util/fair-share.js';

/**
 * `JSON.parse(text)`, without holding the event loop on a large text: JSON.parse blocks for
 * ~100 ms on a 9 MB order, and every other request waits that long. A large text is read as a
 * sequence of runs of small sibling values, each run handed to JSON.parse in one call (so numbers,
 * strings and escapes are read by JSON.parse itself), with the loop free between runs.
 *
 * The result equals JSON.parse's: same values, same key order, a `__proto__` key an own property,
 * the last of duplicate keys kept. A text that is not JSON throws a SyntaxError.
 */
export async function readJson(text: string): Promise<unknown> {
  if (text.length <= LARGE) return JSON.parse(text);
  return new Reader(text).read();
}

/** Texts up to this many characters go to JSON.parse at once (~2 ms of parsing). */
const LARGE = 256 * 1024;
/** How far a run of siblings reaches before it is parsed. */
const RUN = 32 * 1024;

interface Container {
  readonly value: Record<string, unknown> | unknown[];
  readonly array: boolean;
  /** The key the next value goes under (objects). */
  key?: string;
  /** The key this container is stored under in its parent. */
  readonly parentKey?: string;
  /** Whether a member was read: a comma must come before the next. */
  some: boolean;
}

class Reader {
  private pos = 0;
  private readonly stack: Container[] = [];
  private root: unknown;

  constructor(private readonly text: string) {}

  async read(): Promise<unknown> {
    this.value();
    while (this.stack.length > 0) {
      const wait = pause();
      if (wait) await wait;
      this.step();
    }
    this.ws();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return this.root;
  }

  /** Reads the next member (or the end) of the innermost open container. */
  private step(): void {
    const top = this.stack[this.stack.length - 1]!;
    this.ws();
    const c = this.text[this.pos];
    if (c === (top.array ? ']' : '}')) {
      this.pos++;
      this.stack.pop();
      this.store(top.value, top.parentKey);
      return;
    }
    if (top.some) {
      if (c !== ',') this.fail(`expected , or ${top.array ? ']' : '}'}`);
      this.pos++;
      this.ws();
    }
    top.some = true;
    // A run of whole siblings parsed at once when they end within reach; else one member, opened.
    if (this.run(top)) return;
    if (!top.array) {
      top.key = this.string();
      this.ws();
      if (this.text[this.pos] !== ':') this.fail('expected :');
      this.pos++;
    }
    this.value();
  }

  /** A value at `pos`: a container opens (its members follow), anything else is read whole. */
  private value(): void {
    this.ws();
    const c = this.text[this.pos];
    const parent = this.stack[this.stack.length - 1];
    const key = parent && !parent.array ? parent.key : undefined;
    if (c === '[' || c === '{') {
      this.pos++;
      const value = c === '[' ? [] : {};
      this.stack.push({ value, array: c === '[', some: false, ...(key !== undefined ? { parentKey: key } : {}) });
      return;
    }
    const end = this.scalarEnd();
    this.store(JSON.parse(this.text.slice(this.pos, end)) as unknown, key);
    this.pos = end;
  }

  /**
   * Parses the siblings that start at `pos` and end within RUN characters, as one JSON.parse of
   * `[…]` or `{…}`; false when not even the first ends there.
   */
  private run(top: Container): boolean {
    const end = this.runEnd();
    if (end <= this.pos) return false;
    const text = this.text.slice(this.pos, end);
    const parsed = JSON.parse(top.array ? `[${text}]` : `{${text}}`) as unknown[] | Record<string, unknown>;
    if (top.array) for (const item of parsed as unknown[]) (top.value as unknown[]).push(item);
    else for (const key of Object.keys(parsed)) setKey(top.value as Record<string, unknown>, key, (parsed as Record<string, unknown>)[key]);
    this.pos = end;
    return true;
  }

  /** Where the last sibling that ends within RUN characters of `pos` ends (before its comma); `pos` if none. */
  private runEnd(): number {
    const t = this.text;
    const limit = Math.min(t.length, this.pos + RUN);
    let depth = 0;
    let last = this.pos;
    for (let i = this.pos; i < limit; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        i = stringEnd(t, i) - 1;
        if (i >= limit) break;
      } else if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) {
        if (depth === 0) return i;
        depth--;
      } else if (c === 0x2c && depth === 0) last = i;
    }
    return last;
  }

  /** The end of a string, number or literal at `pos`. */
  private scalarEnd(): number {
    const t = this.text;
    if (t.charCodeAt(this.pos) === 0x22) return stringEnd(t, this.pos);
    let i = this.pos;
    while (i < t.length && !/[\s,\]}:]/.test(t[i]!)) i++;
    if (i === this.pos) this.fail('expected a value');
    return i;
  }

  private string(): string {
    if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
    const end = stringEnd(this.text, this.pos);
    const key = JSON.parse(this.text.slice(this.pos, end)) as string;
    this.pos = end;
    return key;
  }

  private store(value: unknown, key: string | undefined): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) this.root = value;
    else if (parent.array) (parent.value as unknown[]).push(value);
    else setKey(parent.value as Record<string, unknown>, key!, value);
  }

  private ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  private fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.pos}`);
  }
}

/** The index just past the closing quote of the string opening at `start` (its end, if unclosed). */
function stringEnd(t: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = t.indexOf('"', i);
    if (q < 0) return t.length;
    let backslashes = 0;
    for (let j = q - 1; t.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/** As JSON.parse sets a member: an own data property, also for `__proto__`. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
