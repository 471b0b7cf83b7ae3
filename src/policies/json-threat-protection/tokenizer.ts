import { isCompleteNumber, numberNext, numberStart } from './number.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

/** The two JSON containers. */
export type Container = 'object' | 'array';

/**
 * What {@link JsonTokenizer} reports as it reads. A method may throw to stop the reading (a limit
 * crossed): the exception leaves `write` as is.
 */
export interface JsonHandler {
  /** A container opens; `depth` counts it, 1 for the outermost. */
  open(container: Container, depth: number): void;
  close(container: Container): void;
  /** The `count`-th entry of an object begins (at its name's opening quote), or element of an array (at its first character). */
  member(container: Container, count: number): void;
  /**
   * A string as far as it has been read, `length` in Unicode code points (an escape is one, a
   * surrogate pair one): when it ends (`done`), and when a chunk ends inside it.
   */
  string(length: number, key: boolean, done: boolean): void;
  /** A number, `true`, `false` or `null`, once complete. */
  scalar(kind: 'number' | 'literal'): void;
}

/** Text that is not JSON (RFC 8259), with the offset (UTF-16 code units from the start) where it went wrong. */
export class JsonSyntaxError extends FlowrtError<'json-syntax'> {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('json-syntax', `${message} at character ${offset}`);
  }
}

// What the next character may be.
const VALUE = 0; // a value (document start, after ':' or after ',' in an array)
const VALUE_OR_CLOSE = 1; // after '['
const KEY_OR_CLOSE = 2; // after '{'
const KEY = 3; // after ',' in an object
const COLON = 4; // after an entry's name
const AFTER = 5; // after a value: ',' or the container's end; only whitespace at the top
const STRING = 6;
const ESCAPE = 7; // after '\' in a string
const UNICODE = 8; // in the 4 hex digits of '\u'
const NUMBER = 9;
const LITERAL = 10;

const OBJECT = 1;
const ARRAY = 2;

const ESCAPES: Readonly<Record<number, number>> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

/**
 * An incremental JSON reader: text goes in chunk by chunk, split anywhere (even inside an escape
 * or a surrogate pair), and the structure comes out as {@link JsonHandler} calls, with nothing
 * kept but a stack of open containers and a few counters. It checks the grammar (RFC 8259) as
 * strictly as `JSON.parse`, and counts string lengths as `[...JSON.parse(s)].length` would.
 *
 * @example
 * const t = new JsonTokenizer(handler);
 * t.write('{"a": [1, tr');
 * t.write('ue]}');
 * t.end(); // throws JsonSyntaxError if the text stopped short
 */
export class JsonTokenizer {
  private state = VALUE;
  // The open containers, outermost first (OBJECT or ARRAY) and their members so far: typed
  // arrays, so that deep nesting costs 5 bytes a level, not a JS array's 16.
  private kinds = new Uint8Array(16);
  private counts = new Uint32Array(16);
  private depth = 0;
  private offset = 0;
  private seen = false;
  // The string being read.
  private key = false;
  private length = 0;
  private high = false;
  private hexDigits = 0;
  private hexValue = 0;
  // The number or literal being read.
  private number = 0;
  private literal = '';
  private literalAt = 0;

  constructor(private readonly handler: JsonHandler) {}

  write(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case STRING:
          i = this.stringChars(text, i);
          continue;
        case ESCAPE:
          this.escape(c, i);
          break;
        case UNICODE:
          this.hexDigit(c, i);
          break;
        case NUMBER:
          if (this.numberChar(c)) break;
          this.endNumber(i);
          continue; // the character that ended the number is read again, after it
        case LITERAL:
          if (c !== this.literal.charCodeAt(this.literalAt)) throw this.unexpected(c, i);
          if (++this.literalAt === this.literal.length) this.endScalar('literal');
          break;
        default:
          if (!isWhitespace(c)) this.structural(c, i);
      }
      i++;
    }
    this.offset += n;
    if (this.state === STRING || this.state === ESCAPE || this.state === UNICODE) this.handler.string(this.length, this.key, false);
  }

  /** The text is complete: throws unless it was exactly one JSON value. */
  end(): void {
    if (this.state === NUMBER) this.endNumber(this.offset);
    if (this.state !== AFTER || this.depth > 0) throw new JsonSyntaxError(this.seen ? 'unexpected end of JSON' : 'no JSON value', this.offset);
  }

  /** Punctuation, or the first character of a value. */
  private structural(c: number, i: number): void {
    const state = this.state;
    if (state === AFTER) return this.afterValue(c, i);
    if (state === COLON) {
      if (c !== 0x3a) throw this.unexpected(c, i);
      this.state = VALUE;
      return;
    }
    if (state === KEY_OR_CLOSE || state === KEY) {
      if (c === 0x7d && state === KEY_OR_CLOSE) return this.close();
      if (c !== 0x22) throw this.unexpected(c, i);
      this.handler.member('object', ++this.counts[this.depth - 1]!);
      return this.startString(true);
    }
    if (c === 0x5d && state === VALUE_OR_CLOSE) return this.close();
    this.value(c, i);
  }

  private value(c: number, i: number): void {
    if (this.depth === 0 && this.seen) throw new JsonSyntaxError('more than one JSON value', this.offset + i);
    this.seen = true;
    if (this.depth > 0 && this.kinds[this.depth - 1] === ARRAY) this.handler.member('array', ++this.counts[this.depth - 1]!);
    if (c === 0x22) return this.startString(false);
    if (c === 0x7b) return this.open(OBJECT);
    if (c === 0x5b) return this.open(ARRAY);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.state = NUMBER;
      this.number = numberStart(c);
      return;
    }
    const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
    if (!literal) throw this.unexpected(c, i);
    this.state = LITERAL;
    this.literal = literal;
    this.literalAt = 1;
  }

  private afterValue(c: number, i: number): void {
    if (this.depth === 0) return this.value(c, i); // a second value: refused there
    const object = this.kinds[this.depth - 1] === OBJECT;
    if (c === 0x2c) this.state = object ? KEY : VALUE;
    else if (c === (object ? 0x7d : 0x5d)) this.close();
    else throw this.unexpected(c, i);
  }

  private open(kind: number): void {
    if (this.depth === this.kinds.length) this.grow();
    this.kinds[this.depth] = kind;
    this.counts[this.depth] = 0;
    this.depth++;
    this.state = kind === OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
    this.handler.open(kind === OBJECT ? 'object' : 'array', this.depth);
  }

  private grow(): void {
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.kinds = kinds;
    this.counts = counts;
  }

  /** Closes the innermost container (the caller checked the bracket matches it). */
  private close(): void {
    this.depth--;
    this.state = AFTER;
    this.handler.close(this.kinds[this.depth] === OBJECT ? 'object' : 'array');
  }

  private startString(key: boolean): void {
    this.state = STRING;
    this.key = key;
    this.length = 0;
    this.high = false;
  }

  /** Reads string characters from `i` up to a quote, a backslash or the chunk's end; returns where it stopped, past what it handled. */
  private stringChars(text: string, i: number): number {
    const n = text.length;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.endString();
        return i + 1;
      }
      if (c === 0x5c) {
        this.state = ESCAPE;
        return i + 1;
      }
      if (c < 0x20) throw new JsonSyntaxError('control character in a string', this.offset + i);
      this.codeUnit(c);
    }
    return i;
  }

  /** Counts code points: a low surrogate right after a high one completes a pair already counted. */
  private codeUnit(c: number): void {
    if (this.high && c >= 0xdc00 && c <= 0xdfff) {
      this.high = false;
      return;
    }
    this.length++;
    this.high = c >= 0xd800 && c <= 0xdbff;
  }

  private endString(): void {
    const key = this.key;
    this.state = key ? COLON : AFTER;
    this.handler.string(this.length, key, true);
  }

  private escape(c: number, i: number): void {
    if (c === 0x75) {
      this.state = UNICODE;
      this.hexDigits = 0;
      this.hexValue = 0;
      return;
    }
    const unit = ESCAPES[c];
    if (unit === undefined) throw new JsonSyntaxError('invalid escape in a string', this.offset + i);
    this.codeUnit(unit);
    this.state = STRING;
  }

  private hexDigit(c: number, i: number): void {
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) throw new JsonSyntaxError('invalid \\u escape in a string', this.offset + i);
    this.hexValue = this.hexValue * 16 + digit;
    if (++this.hexDigits < 4) return;
    this.codeUnit(this.hexValue);
    this.state = STRING;
  }

  /** Whether `c` continues the number. */
  private numberChar(c: number): boolean {
    const next = numberNext(this.number, c);
    if (next < 0) return false;
    this.number = next;
    return true;
  }

  private endNumber(i: number): void {
    if (!isCompleteNumber(this.number)) throw new JsonSyntaxError('incomplete number', this.offset + i);
    this.endScalar('number');
  }

  private endScalar(kind: 'number' | 'literal'): void {
    this.state = AFTER;
    this.handler.scalar(kind);
  }

  private unexpected(c: number, i: number): JsonSyntaxError {
    return new JsonSyntaxError(`unexpected ${JSON.stringify(String.fromCharCode(c))}`, this.offset + i);
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
