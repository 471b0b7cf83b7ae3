import type { Pos } from './ast.js';
import { DataWeaveSyntaxError } from './errors.js';
import type { RescanMode } from './lexer.js';
import { Lexer } from './lexer.js';
import type { Token } from './tokens.js';

/** Words that never name a value or an infix function, so an expression stops before them. */
export const RESERVED = new Set([
  'if',
  'else',
  'and',
  'or',
  'not',
  'default',
  'as',
  'is',
  'case',
  'var',
  'fun',
  'type',
  'ns',
  'import',
  'input',
  'output',
  'to',
  'from',
  'do',
]);

/** The parser's position in the token stream, with backtracking and DataWeave-style errors. */
export class Cursor {
  protected readonly lexer: Lexer;
  protected i = 0;
  /** How many brackets enclose the current token. */
  protected nesting = 0;

  constructor(src: string, base?: Pos) {
    this.lexer = new Lexer(src, base);
  }

  protected peek(ahead = 0): Token {
    const t = this.lexer.token(this.i + ahead);
    if (t.type === 'error' && ahead === 0) throw new DataWeaveSyntaxError(t.text, t.at);
    return t;
  }

  protected next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    if (t.type === 'punct' && '([{'.includes(t.text)) this.nesting++;
    else if (t.type === 'punct' && ')]}'.includes(t.text)) this.nesting--;
    return t;
  }

  /** Consumes the current token and returns the node built from it. */
  protected take<T>(node: T): T {
    this.next();
    return node;
  }

  protected rescan(mode: RescanMode): Token {
    return this.lexer.rescan(this.i, mode);
  }

  /** Whether the current token is the punctuator (or any of several). */
  protected isP(...ops: string[]): boolean {
    const t = this.peek();
    return t.type === 'punct' && ops.includes(t.text);
  }

  protected isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === 'name' && t.text === word;
  }

  protected eatP(op: string): boolean {
    if (!this.isP(op)) return false;
    this.next();
    return true;
  }

  protected eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  protected expectP(op: string): Token {
    if (!this.isP(op)) this.fail(`"${op}"`);
    return this.next();
  }

  protected expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail(`"${word}"`);
    return this.next();
  }

  /** A name usable as an identifier (not a reserved word). */
  protected expectName(what = 'Identifier'): Token {
    const t = this.peek();
    if (t.type !== 'name' || RESERVED.has(t.text)) this.fail(what);
    return this.next();
  }

  protected fail(expected: string, t: Token = this.peek()): never {
    const found = t.type === 'eof' ? 'Unexpected end of input' : `Invalid input "${t.text}"`;
    throw new DataWeaveSyntaxError(`${found}, expected ${expected}`, t.at);
  }
}
