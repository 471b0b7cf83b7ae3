import type { BinaryOp, Expr, Key, Pos, Selector } from './ast.js';
import { RESERVED } from './cursor.js';
import { CaseParser } from './parse-cases.js';
import { BP } from './parse-primary.js';

/**
 * Binary operators by binding power, tightest last, after DataWeave's precedence table
 * (https://docs.mulesoft.com/dataweave/latest/dataweave-flow-control-precedence). `++` and `--`
 * are not in the table; they bind as `+` and `-` do.
 */
const BINARY: Readonly<Record<string, number>> = {
  default: BP.infix,
  or: BP.or,
  and: BP.and,
  '==': BP.equality,
  '!=': BP.equality,
  '~=': BP.equality,
  '<': BP.relational,
  '>': BP.relational,
  '<=': BP.relational,
  '>=': BP.relational,
  '+': BP.additive,
  '-': BP.additive,
  '++': BP.additive,
  '--': BP.additive,
  '>>': BP.additive,
  '<<': BP.additive,
  '*': BP.multiplicative,
  '/': BP.multiplicative,
};

/** Operators, selectors, calls and control flow, by precedence climbing over the atoms. */
export abstract class ExprParser extends CaseParser {
  expr(minBp = BP.lowest): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const at = t.at;
      const word = t.type === 'name' ? t.text : undefined;
      const op = t.type === 'punct' || word === 'and' || word === 'or' || word === 'default' ? t.text : undefined;
      const bp = op !== undefined ? BINARY[op] : undefined;
      if (bp !== undefined) {
        if (bp <= minBp) return left;
        this.next();
        left = { kind: 'binary', at, op: op as BinaryOp, left, right: this.expr(bp) };
      } else if (word === 'as' && BP.as > minBp) {
        this.next();
        left = this.coercion(at, left);
      } else if (word === 'to' && BP.range > minBp) {
        this.next();
        left = { kind: 'range', at: left.at, from: left, to: this.expr(BP.range) };
      } else if (word === 'is' && BP.relational > minBp) {
        this.next();
        left = { kind: 'is', at, value: left, type: this.type() };
      } else if (word !== undefined && BP.infix > minBp && !RESERVED.has(word)) {
        this.next();
        const block = this.isP('{');
        if (word === 'match' && block) left = { kind: 'match', at, value: left, cases: this.block(() => this.matchCase()) };
        else if (word === 'update' && block) left = { kind: 'update', at, value: left, cases: this.block(() => this.updateCase()) };
        else left = { kind: 'call', at, callee: { kind: 'ref', at, name: word }, args: [left, this.expr(BP.infix)], infix: true };
      } else return left;
    }
  }

  private coercion(at: Pos, value: Expr): Expr {
    const type = this.type();
    return this.isP('{') ? { kind: 'as', at, value, type, props: this.object() } : { kind: 'as', at, value, type };
  }

  private prefix(): Expr {
    const t = this.peek();
    if (this.eatWord('if')) {
      this.expectP('(');
      const cond = this.expr();
      this.expectP(')');
      const then = this.expr();
      this.expectWord('else');
      return { kind: 'if', at: t.at, cond, then, else: this.expr() };
    }
    if (this.eatWord('not')) return { kind: 'unary', at: t.at, op: 'not', operand: this.expr(BP.not) };
    if (this.isP('-', '!')) {
      this.next();
      const n = this.peek();
      if (t.text === '-' && n.type === 'number' && !n.spaceBefore && !this.isSelector(1)) {
        this.next();
        return { kind: 'number', at: t.at, text: `-${n.text}` };
      }
      return { kind: 'unary', at: t.at, op: t.text as '-' | '!', operand: this.expr(BP.unary) };
    }
    return this.postfix(this.primary());
  }

  private isSelector(k: number): boolean {
    const t = this.peek(k);
    return t.type === 'punct' && ['.', '..', '.*', '..*', '.@', '.#', '.^', '[', '.*@'].includes(t.text);
  }

  /** Selectors and calls, which bind tighter than any operator. */
  postfix(target: Expr): Expr {
    for (;;) {
      const t = this.peek();
      const sel = this.selector();
      if (sel) target = { kind: 'select', at: t.at, target, sel };
      else if (this.isP('(') && (!t.spaceBefore || target.kind === 'ref')) {
        if (t.spaceBefore && this.isLambdaAhead()) return target;
        target = { kind: 'call', at: t.at, callee: target, args: this.args() };
      } else return target;
    }
  }

  private isLambdaAhead(): boolean {
    const save = this.i;
    const nesting = this.nesting;
    try {
      this.params();
      return this.isP('->');
    } catch {
      return false;
    } finally {
      this.i = save;
      this.nesting = nesting;
    }
  }

  private args(): Expr[] {
    this.expectP('(');
    const args: Expr[] = [];
    while (!this.isP(')')) {
      args.push(this.expr());
      if (!this.eatP(',')) break;
    }
    this.expectP(')');
    return args;
  }

  private selector(): Selector | undefined {
    const t = this.peek();
    if (t.type !== 'punct') return undefined;
    const keyed: Record<string, Selector['op']> = { '.': 'value', '.*': 'multi', '..': 'descendants', '..*': 'multiDescendants', '.*@': 'multiAttribute' };
    const op = keyed[t.text];
    if (op) {
      this.next();
      return { op, key: this.selectorKey() } as Selector;
    }
    if (t.text === '.@') {
      this.next();
      const n = this.peek();
      return (n.type === 'name' || n.type === 'string') && !n.spaceBefore ? { op: 'attribute', key: this.selectorKey() } : { op: 'attributes' };
    }
    if (t.text === '.#') return this.take({ op: 'namespace' });
    if (t.text === '.^') {
      this.next();
      const n = this.peek();
      return n.type === 'name' && !n.spaceBefore ? { op: 'metadata', name: this.next().text } : { op: 'metadata' };
    }
    if (t.text === '?' || (t.text === '!' && !t.spaceBefore)) return this.take({ op: t.text === '?' ? 'exists' : 'assert' });
    if (t.text !== '[') return undefined;
    this.next();
    const filter = this.eatP('?');
    if (filter) this.expectP('(');
    let expr = this.expr();
    if (filter) this.expectP(')');
    else if (this.eatWord('to')) expr = { kind: 'range', at: expr.at, from: expr, to: this.expr() };
    this.expectP(']');
    return { op: filter ? 'filter' : 'index', expr };
  }

  private selectorKey(): Key {
    const t = this.peek();
    if (t.type === 'name' || t.type === 'string') return this.key();
    return this.fail('Selector');
  }
}
