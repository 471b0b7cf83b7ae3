import type { Pos } from './ast.js';
import type { StringPart, Token, TokenType } from './tokens.js';
import { PUNCTUATORS, TEMPORAL_START, temporalType } from './tokens.js';
import { scanString } from './strings.js';

/** What a token is re-read as when the parser knows more than the lexer: `/` opening a regex, a MIME type, a namespace URI. */
export type RescanMode = 'regex' | 'mime' | 'uri';

const NAME_START = /[A-Za-z_]/;
const MIME = /^[A-Za-z0-9.+*_-]+(?:\/[A-Za-z0-9.+*_-]+)?/;
const URI = /^[^\s,]+/;

/**
 * Reads tokens on demand, so that the parser can re-read one whose meaning depends on context
 * (a regex literal after an operator, where the same `/` after an operand divides).
 */
export class Lexer {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private line: number;
  private col: number;

  constructor(
    readonly src: string,
    base: Pos = { line: 1, col: 1 },
  ) {
    this.line = base.line;
    this.col = base.col;
  }

  /** The i-th token, reading as far as needed; past the end (or an unreadable spot), the last token again. */
  token(i: number): Token {
    while (this.tokens.length <= i) {
      const last = this.tokens[this.tokens.length - 1];
      if (last && (last.type === 'eof' || last.type === 'error')) return last;
      this.tokens.push(this.next());
    }
    return this.tokens[i]!;
  }

  /** Forgets tokens from i on and reads the text at token i again in `mode`. */
  rescan(i: number, mode: RescanMode): Token {
    const t = this.token(i);
    this.tokens.length = i;
    this.pos = t.start;
    this.line = t.at.line;
    this.col = t.at.col;
    const tok = mode === 'regex' ? this.regex(t.spaceBefore) : this.raw(t.spaceBefore, mode);
    this.tokens.push(tok);
    return tok;
  }

  /** Splits `>>` at i into two `>` (closing nested type arguments). */
  splitShift(i: number): void {
    const t = this.token(i);
    const second = { ...t, text: '>', start: t.start + 1, at: { line: t.at.line, col: t.at.col + 1 }, spaceBefore: false };
    this.tokens.splice(i, 1, { ...t, text: '>', end: t.start + 1 }, second);
  }

  private advance(n: number): void {
    for (let k = 0; k < n; k++) {
      if (this.src[this.pos] === '\n') {
        this.line++;
        this.col = 1;
      } else this.col++;
      this.pos++;
    }
  }

  private skipSpace(): boolean {
    const from = this.pos;
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.advance(1);
      else if (c === '/' && this.src[this.pos + 1] === '/') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.advance(1);
      } else if (c === '/' && this.src[this.pos + 1] === '*') {
        const close = this.src.indexOf('*/', this.pos + 2);
        this.advance((close < 0 ? this.src.length : close + 2) - this.pos);
      } else return this.pos > from;
    }
  }

  private make(type: TokenType, text: string, length: number, space: boolean, extra?: { parts?: StringPart[] }): Token {
    const at = { line: this.line, col: this.col };
    const start = this.pos;
    this.advance(length);
    return { type, text, at, start, end: this.pos, spaceBefore: space, ...extra };
  }

  private next(): Token {
    const space = this.skipSpace();
    const rest = this.src.slice(this.pos);
    if (rest.length === 0) return this.make('eof', '', 0, space);
    const c = rest[0]!;
    if (NAME_START.test(c)) {
      const text = /^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/.exec(rest)![0];
      return this.make('name', text, text.length, space);
    }
    if (/\d/.test(c)) {
      const text = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest)![0];
      return this.make('number', text, text.length, space);
    }
    if (c === '"' || c === "'" || c === '`') return this.string(space);
    if (c === '|' && TEMPORAL_START.test(rest)) {
      const text = rest.slice(1, rest.indexOf('|', 1));
      const type = temporalType(text);
      if (!type) return this.make('error', `Invalid date literal |${text}|`, 0, space);
      return { ...this.make('temporal', text, text.length + 2, space), temporal: type };
    }
    const p = PUNCTUATORS.find((op) => rest.startsWith(op));
    if (p) return this.make('punct', p, p.length, space);
    return this.make('error', `Invalid input "${c}"`, 0, space);
  }

  private string(space: boolean): Token {
    const at = { line: this.line, col: this.col };
    const scanned = scanString(this.src, this.pos, at);
    if (typeof scanned === 'string') return this.make('error', scanned, 0, space);
    const start = this.pos;
    this.advance(scanned.end - this.pos);
    return { type: 'string', text: this.src.slice(start, this.pos), at, start, end: this.pos, spaceBefore: space, parts: scanned.parts };
  }

  private regex(space: boolean): Token {
    let i = this.pos + 1;
    while (i < this.src.length && this.src[i] !== '/' && this.src[i] !== '\n') i += this.src[i] === '\\' ? 2 : 1;
    if (this.src[i] !== '/') return this.make('error', 'Unterminated regular expression', 0, space);
    const pattern = this.src.slice(this.pos + 1, i);
    return this.make('regex', pattern, i + 1 - this.pos, space);
  }

  private raw(space: boolean, mode: RescanMode): Token {
    const text = (mode === 'mime' ? MIME : URI).exec(this.src.slice(this.pos))?.[0];
    if (!text) return this.make('error', `Invalid input, expected ${mode === 'mime' ? 'a MIME type' : 'a URI'}`, 0, space);
    return this.make('raw', text, text.length, space);
  }
}
