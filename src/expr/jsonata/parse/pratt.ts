import { GiveUp } from './give-up.js';
import type { Token } from './lexer.js';
import { Lexer } from './lexer.js';
import type { Node } from './node.js';

/*
 * JSONata's grammar by top-down operator precedence, as the library's `parser` builds its raw
 * tree (jsonata.js, after Crockford's TDOP), but with fixed tables instead of a symbol table
 * rebuilt for every parse. A node is the token's own object, extended by its nud or led.
 */

/** Left binding powers; an id absent here binds nothing (ends an expression). */
const LBP: Readonly<Record<string, number>> = {
  '.': 75,
  '[': 80,
  '{': 70,
  '(': 80,
  '@': 80,
  '#': 80,
  '?': 20,
  '+': 50,
  '-': 50,
  '*': 60,
  '/': 60,
  '%': 60,
  '=': 40,
  '<': 40,
  '>': 40,
  '^': 40,
  ':=': 10,
  '!=': 40,
  '<=': 40,
  '>=': 40,
  '~>': 40,
  '?:': 40,
  '??': 40,
  and: 30,
  or: 25,
  in: 40,
  '&': 50,
};

/** Operator tokens the library has a symbol for; any other (`!`, `~`) is a syntax error. */
const KNOWN = new Set([...Object.keys(LBP), ':', ';', ',', ')', ']', '}', '..', '**', '|']);

const END = '(end)';

/**
 * Deeper nesting is left to the library: it decides, as it did before flowrt parsed, between a
 * tree and a stack overflow (its parser recurses more per level than this one, and the checks
 * walking the tree recurse too), so no expression parses here that the library would refuse.
 */
export const MAX_NESTING = 200;

/** The raw tree of `source`; throws GiveUp where the library would refuse it or where it is left to the library. */
export function parseRaw(source: string): Node {
  return new Pratt(source).parse();
}

class Pratt {
  private readonly lexer: Lexer;
  private node: Node = {};
  /** The current token's symbol: the operator itself, or `(name)`, `(literal)`, `(regex)`, `(end)`. */
  private id = END;
  private depth = 0;

  constructor(source: string) {
    this.lexer = new Lexer(source);
  }

  parse(): Node {
    this.advance();
    const expr = this.expression(0);
    if (this.id !== END) throw new GiveUp();
    return expr;
  }

  private advance(expected?: string, infix = false): void {
    if (expected !== undefined && this.id !== expected) throw new GiveUp();
    const token = this.lexer.next(infix);
    if (token === null) {
      this.id = END;
      this.node = {};
      return;
    }
    this.id = symbolOf(token);
    this.node = { value: token.value, type: token.type, position: token.position };
  }

  private expression(rbp: number): Node {
    if (++this.depth > MAX_NESTING) throw new GiveUp();
    let t = this.node;
    let id = this.id;
    this.advance(undefined, true);
    let left = this.nud(t, id);
    while (rbp < (LBP[this.id] ?? 0)) {
      t = this.node;
      id = this.id;
      this.advance();
      left = this.led(t, id, left);
    }
    this.depth--;
    return left;
  }

  private nud(t: Node, id: string): Node {
    switch (id) {
      case '(name)':
      case '(literal)':
      case '(regex)':
      case 'and':
      case 'or':
      case 'in':
        return t;
      case '-':
        t.expression = this.expression(70);
        t.type = 'unary';
        return t;
      case '*':
        t.type = 'wildcard';
        return t;
      case '**':
        t.type = 'descendant';
        return t;
      case '%':
        t.type = 'parent';
        return t;
      case '(':
        return this.block(t);
      case '[':
        return this.array(t);
      case '{':
        return this.object(t, undefined);
      case '|':
        return this.transform(t);
      default:
        throw new GiveUp();
    }
  }

  private led(t: Node, id: string, left: Node): Node {
    switch (id) {
      case '(':
        return this.call(t, left);
      case '[':
        return this.filter(t, left);
      case '{':
        return this.object(t, left);
      case '^':
        return this.sort(t, left);
      case '?':
        t.type = 'condition';
        t.condition = left;
        t.then = this.expression(0);
        if (this.id === ':') {
          this.advance(':');
          t.else = this.expression(0);
        }
        return t;
      case '?:':
        // The library deep-clones the condition so processing does not mutate one node twice.
        t.type = 'condition';
        t.condition = JSON.parse(JSON.stringify(left)) as Node;
        t.then = left;
        t.else = this.expression(0);
        return t;
      case '??':
        t.type = 'condition';
        t.condition = { type: 'function', value: '(', procedure: { type: 'variable', value: 'exists' }, arguments: [JSON.parse(JSON.stringify(left))] };
        t.then = left;
        t.else = this.expression(0);
        return t;
      case ':=':
        if (left.type !== 'variable') throw new GiveUp();
        t.lhs = left;
        t.rhs = this.expression(LBP[':='] - 1);
        t.type = 'binary';
        return t;
      case '@':
      case '#':
        t.lhs = left;
        t.rhs = this.expression(80);
        if ((t.rhs as Node).type !== 'variable') throw new GiveUp();
        t.type = 'binary';
        return t;
      default:
        t.lhs = left;
        t.rhs = this.expression(LBP[id]);
        t.type = 'binary';
        return t;
    }
  }

  /** `f(a, ?)`: a call, a partial application, or `function($x){…}`. */
  private call(t: Node, left: Node): Node {
    t.procedure = left;
    t.type = 'function';
    const args: Node[] = [];
    t.arguments = args;
    if (this.id !== ')') {
      for (;;) {
        if (this.node.type === 'operator' && this.id === '?') {
          t.type = 'partial';
          args.push(this.node);
          this.advance('?');
        } else args.push(this.expression(0));
        if (this.id !== ',') break;
        this.advance(',');
      }
    }
    this.advance(')', true);
    if (left.type === 'name' && (left.value === 'function' || left.value === '\u03BB')) {
      if (args.some((arg) => arg.type !== 'variable')) throw new GiveUp();
      t.type = 'lambda';
      // A signature is parsed by the library's own signature parser: left to it.
      if (this.id === '<') throw new GiveUp();
      this.advance('{');
      t.body = this.expression(0);
      this.advance('}');
    }
    return t;
  }

  /** `a[]` keeps singleton arrays; `a[p]` filters or indexes. */
  private filter(t: Node, left: Node): Node {
    if (this.id === ']') {
      let step: Node | undefined = left;
      while (step && step.type === 'binary' && step.value === '[') step = step.lhs as Node;
      if (step) step.keepArray = true;
      this.advance(']');
      return left;
    }
    t.lhs = left;
    t.rhs = this.expression(0);
    t.type = 'binary';
    this.advance(']', true);
    return t;
  }

  private sort(t: Node, left: Node): Node {
    this.advance('(');
    const terms: Node[] = [];
    for (;;) {
      const term: Node = { descending: false };
      if (this.id === '<') this.advance('<');
      else if (this.id === '>') {
        term.descending = true;
        this.advance('>');
      }
      term.expression = this.expression(0);
      terms.push(term);
      if (this.id !== ',') break;
      this.advance(',');
    }
    this.advance(')');
    t.lhs = left;
    t.rhs = terms;
    t.type = 'binary';
    return t;
  }

  /** `{k: v}` (unary) or `a{k: v}`, a group-by (binary). */
  private object(t: Node, left: Node | undefined): Node {
    const pairs: Node[][] = [];
    if (this.id !== '}') {
      for (;;) {
        const key = this.expression(0);
        this.advance(':');
        pairs.push([key, this.expression(0)]);
        if (this.id !== ',') break;
        this.advance(',');
      }
    }
    this.advance('}', true);
    if (left === undefined) {
      t.lhs = pairs;
      t.type = 'unary';
    } else {
      t.lhs = left;
      t.rhs = pairs;
      t.type = 'binary';
    }
    return t;
  }

  private block(t: Node): Node {
    const expressions: Node[] = [];
    while (this.id !== ')') {
      expressions.push(this.expression(0));
      if (this.id !== ';') break;
      this.advance(';');
    }
    this.advance(')', true);
    t.type = 'block';
    t.expressions = expressions;
    return t;
  }

  private array(t: Node): Node {
    const items: Node[] = [];
    if (this.id !== ']') {
      for (;;) {
        let item = this.expression(0);
        if (this.id === '..') {
          const range: Node = { type: 'binary', value: '..', position: this.node.position, lhs: item };
          this.advance('..');
          range.rhs = this.expression(0);
          item = range;
        }
        items.push(item);
        if (this.id !== ',') break;
        this.advance(',');
      }
    }
    this.advance(']', true);
    t.expressions = items;
    t.type = 'unary';
    return t;
  }

  private transform(t: Node): Node {
    t.type = 'transform';
    t.pattern = this.expression(0);
    this.advance('|');
    t.update = this.expression(0);
    if (this.id === ',') {
      this.advance(',');
      t.delete = this.expression(0);
    }
    this.advance('|');
    return t;
  }
}

function symbolOf(token: Token): string {
  switch (token.type) {
    case 'name':
    case 'variable':
      return '(name)';
    case 'operator':
      if (!KNOWN.has(token.value as string)) throw new GiveUp();
      return token.value as string;
    case 'regex':
      return '(regex)';
    default:
      return '(literal)';
  }
}
