import { GiveUp } from './give-up.js';

/*
 * JSONata's tokens, read as the library's tokenizer reads them (jsonata.js `tokenizer`): a token's
 * position is the offset just past it, `/` starts a regex literal only where an operand may
 * start, and names run up to whitespace or an operator character. Anything the library would
 * refuse gives up (GiveUp): the library then parses, and reports the exact error.
 */

export type TokenType = 'operator' | 'name' | 'variable' | 'string' | 'number' | 'value' | 'regex';

export interface Token {
  readonly type: TokenType;
  readonly value: unknown;
  readonly position: number;
}

/** Characters that end a name: JSONata's single-character operators, plus `!` and `~`. */
const STOPS = new Uint8Array(128);
for (const c of '.[]{}(),@#;:?+-*/%|=<>^&!~') STOPS[c.charCodeAt(0)] = 1;
const WHITESPACE = new Uint8Array(128);
for (const c of ' \t\n\r\v') WHITESPACE[c.charCodeAt(0)] = 1;

/** Two-character operators, by their first character. */
const PAIRS: Readonly<Record<string, readonly string[]>> = {
  '.': ['..'],
  ':': [':='],
  '!': ['!='],
  '>': ['>='],
  '<': ['<='],
  '*': ['**'],
  '~': ['~>'],
  '?': ['?:', '??'],
};

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const NUMBER = /-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]+$/;

export class Lexer {
  private position = 0;

  constructor(private readonly source: string) {}

  /** The next token, or null at the end; `infix` says an operator is expected (no regex literal). */
  next(infix: boolean): Token | null {
    const src = this.source;
    const length = src.length;
    let pos = this.position;
    for (;;) {
      if (pos >= length) return null;
      while (pos < length && isSpace(src.charCodeAt(pos))) pos++;
      if (src[pos] !== '/' || src[pos + 1] !== '*') break;
      const end = src.indexOf('*/', pos + 2);
      if (end < 0) throw new GiveUp();
      pos = end + 2;
    }
    const ch = src[pos];
    if (!infix && ch === '/') return this.regex(pos + 1);
    const pairs = PAIRS[ch];
    if (pairs) {
      const two = src.slice(pos, pos + 2);
      if (pairs.includes(two)) return this.token('operator', two, pos + 2);
    }
    const code = src.charCodeAt(pos);
    if (code < 128 && STOPS[code]) return this.token('operator', ch, pos + 1);
    if (ch === '"' || ch === "'") return this.string(pos + 1, ch);
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(src);
    if (number) {
      const value = parseFloat(number[0]);
      if (!isFinite(value)) throw new GiveUp();
      return this.token('number', value, pos + number[0].length);
    }
    if (ch === '`') {
      const end = src.indexOf('`', pos + 1);
      if (end < 0) throw new GiveUp();
      return this.token('name', src.slice(pos + 1, end), end + 1);
    }
    return this.name(pos);
  }

  private token(type: TokenType, value: unknown, end: number): Token {
    this.position = end;
    return { type, value, position: end };
  }

  private name(start: number): Token | null {
    const src = this.source;
    const length = src.length;
    let i = start;
    while (i < length) {
      const code = src.charCodeAt(i);
      if (code < 128 && (STOPS[code] || WHITESPACE[code])) break;
      i++;
    }
    if (src[start] === '$') return this.token('variable', src.slice(start + 1, i), i);
    const name = src.slice(start, i);
    switch (name) {
      case 'or':
      case 'in':
      case 'and':
        return this.token('operator', name, i);
      case 'true':
        return this.token('value', true, i);
      case 'false':
        return this.token('value', false, i);
      case 'null':
        return this.token('value', null, i);
      default:
        if (i === length && name === '') {
          this.position = i;
          return null;
        }
        return this.token('name', name, i);
    }
  }

  /** A string literal; JSON's escapes, `\u` taking four hex digits (a surrogate pair is two). */
  private string(start: number, quote: string): Token {
    const src = this.source;
    let out = '';
    let from = start;
    let pos = start;
    while (pos < src.length) {
      const ch = src[pos];
      if (ch === quote) return this.token('string', out + src.slice(from, pos), pos + 1);
      if (ch === '\\') {
        out += src.slice(from, pos);
        const esc = src[++pos];
        const simple = ESCAPES[esc];
        if (simple !== undefined) out += simple;
        else if (esc === 'u') {
          const octets = src.substr(pos + 1, 4);
          if (!HEX4.test(octets)) throw new GiveUp();
          out += String.fromCharCode(parseInt(octets, 16));
          pos += 4;
        } else throw new GiveUp();
        from = pos + 1;
      }
      pos++;
    }
    throw new GiveUp();
  }

  /** A regex literal, from just past its `/`: the closing `/` is unescaped and outside brackets. */
  private regex(start: number): Token {
    const src = this.source;
    let depth = 0;
    for (let pos = start; pos < src.length; pos++) {
      const ch = src[pos];
      if (ch === '/' && depth === 0 && evenBackslashes(src, pos)) {
        const pattern = src.slice(start, pos);
        if (pattern === '') throw new GiveUp();
        let end = pos + 1;
        while (src[end] === 'i' || src[end] === 'm') end++;
        // A native RegExp, as the library's lexer builds it; the RegexEngine applies at evaluation.
        return this.token('regex', new RegExp(pattern, src.slice(pos + 1, end) + 'g'), end);
      }
      const escaped = src[pos - 1] === '\\';
      if ((ch === '(' || ch === '[' || ch === '{') && !escaped) depth++;
      if ((ch === ')' || ch === ']' || ch === '}') && !escaped) depth--;
    }
    throw new GiveUp();
  }
}

function isSpace(code: number): boolean {
  return code < 128 && WHITESPACE[code] === 1;
}

function evenBackslashes(src: string, pos: number): boolean {
  let count = 0;
  while (src[pos - (count + 1)] === '\\') count++;
  return count % 2 === 0;
}
