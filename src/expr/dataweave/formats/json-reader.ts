import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { ObjectBuilder } from '../values/model.js';
import { parseNumber } from '../values/numbers.js';

/** A run of 16 digits/dots: a number that may carry more than a double's 15 digits, or digits inside a string. */
const LONG_RUN = /[0-9][0-9.]{15,}/g;
const NUMBER_CHAR = /[0-9.eE+-]/;
/** JSON's whitespace, by character code. */
const WS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;
/** Texts the key count below could miscount (a key ending in an escaped backslash), or a key plain objects keep apart. */
const RISKY = /\\\\"|__proto__/;
/** The closing quote of a key: in valid JSON, an unescaped quote followed by a colon ends a key and nothing else. */
const KEY_END = /(?<!\\)"\s*:/g;

/**
 * JSON as DataWeave reads it: numbers exact (`0.1` stays 0.1, 20-digit integers become
 * Decimals) and repeated keys kept, in order. JSON.parse is native and several times faster
 * than any parser written here but loses both, so it is used only when the text shows it cannot
 * have lost anything: no long digit run, and as many keys in the result as key ends in the text.
 */
export function readJson(text: string): DwValue {
  if (!RISKY.test(text) && !hasLongNumber(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // the parser below says where and why, in DataWeave's words
    }
    if (parsed !== undefined) {
      const keys = text.match(KEY_END)?.length ?? 0;
      if (countKeys(parsed) === keys) return parsed as DwValue;
    }
  }
  return new JsonParser(text).document();
}

/**
 * Whether a long digit run may be a number token. A number follows `:`, `,`, `[` or the start
 * (whitespace aside); a run after anything else is inside a string, where JSON.parse loses
 * nothing. Runs inside strings after those characters are taken as numbers: the slow path is
 * then merely slower, never wrong.
 */
function hasLongNumber(text: string): boolean {
  LONG_RUN.lastIndex = 0;
  for (let m = LONG_RUN.exec(text); m; m = LONG_RUN.exec(text)) {
    let i = m.index - 1;
    while (i >= 0 && NUMBER_CHAR.test(text[i]!)) i--;
    while (i >= 0 && WS[text.charCodeAt(i)] === 1) i--;
    const before = i < 0 ? ':' : text[i];
    if (before === ':' || before === ',' || before === '[') return true;
  }
  return false;
}

/** Keys in a parsed value, or -1 when a number overflowed (DataWeave keeps it as a Decimal). */
function countKeys(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? 0 : -1;
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const item of v) {
      const k = countKeys(item);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in v) {
    const k = countKeys((v as Record<string, unknown>)[key]);
    if (k < 0) return -1;
    n += k + 1;
  }
  return n;
}

/** A strict JSON parser keeping what JSON.parse loses. */
class JsonParser {
  private i = 0;

  constructor(private readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  document(): DwValue {
    this.ws();
    // An empty body is no value (Mule hands a JSON reader empty payloads, e.g. a GET's body).
    if (this.i >= this.s.length) return null;
    const v = this.value(0);
    this.ws();
    if (this.i < this.s.length) this.unexpected('end of input');
    return v;
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (let c = s.charCodeAt(i); c < 128 && WS[c] === 1; c = s.charCodeAt(++i));
    this.i = i;
  }

  private value(depth: number): DwValue {
    if (depth > 5000) fail('JSON nested too deeply (more than 5000 levels)');
    const c = this.s.charCodeAt(this.i);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.s.startsWith('true', this.i)) return this.word(4, true);
    if (this.s.startsWith('false', this.i)) return this.word(5, false);
    if (this.s.startsWith('null', this.i)) return this.word(4, null);
    return this.unexpected('a JSON value');
  }

  private word(len: number, v: DwValue): DwValue {
    this.i += len;
    return v;
  }

  private object(depth: number): DwValue {
    const b = new ObjectBuilder();
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return b.build();
    }
    for (;;) {
      if (this.s.charCodeAt(this.i) !== 0x22) this.unexpected('a key');
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.i) !== 0x3a) this.unexpected("':'");
      this.i++;
      this.ws();
      b.set(key, this.value(depth + 1));
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 0x7d) return b.build();
      if (c !== 0x2c) this.unexpected("',' or '}'", this.i - 1);
      this.ws();
    }
  }

  private array(depth: number): DwValue {
    const out: DwValue[] = [];
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 0x5d) return out;
      if (c !== 0x2c) this.unexpected("',' or ']'", this.i - 1);
      this.ws();
    }
  }

  private number(): DwValue {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const found = m.exec(this.s);
    if (!found) return this.unexpected('a number');
    this.i = m.lastIndex;
    return parseNumber(found[0])!;
  }

  private string(): string {
    const s = this.s;
    const start = ++this.i;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return s.slice(start, i);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) this.unexpected('a closing quote', i);
      i++;
    }
    // Escapes: JSON.parse decodes a string token exactly as JSON defines it.
    const m = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    m.lastIndex = start - 1;
    const found = m.exec(s);
    if (!found) return this.unexpected('a valid string', i);
    this.i = m.lastIndex;
    return JSON.parse(found[0]) as string;
  }

  private unexpected(expected: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const ch = at < this.s.length ? `character '${this.s[at]}'` : 'end of input';
    return fail(`Unexpected ${ch} at payload@[${line}:${column}] (line:column), expected ${expected} while reading JSON`);
  }
}
