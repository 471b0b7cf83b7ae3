import type { ArrayItem, Directive, Expr, Key, ObjectPart, Param, Pos } from './ast.js';
import { TypeParser } from './parse-types.js';
import type { StringPart, Token } from './tokens.js';

/** Binding power of `not`'s operand: `not a or b` is `not (a or b)` (DataWeave docs, logical operators). */
export const BP = {
  lowest: 0,
  infix: 20,
  not: 25,
  or: 30,
  and: 40,
  equality: 50,
  relational: 60,
  range: 65,
  additive: 70,
  multiplicative: 80,
  as: 90,
  unary: 100,
};

/** Atoms: literals, names, objects, arrays, lambdas and parenthesised expressions. */
export abstract class PrimaryParser extends TypeParser {
  abstract expr(minBp?: number): Expr;
  protected abstract directives(): Directive[];
  /** Parses the text of a `$(…)` interpolation, positioned where it sits in the script. */
  protected abstract subExpression(src: string, at: Pos): Expr;

  protected literal(): Expr {
    const t = this.peek();
    if (t.type === 'number') return this.take({ kind: 'number', at: t.at, text: t.text });
    if (t.type === 'string') return this.take(this.stringNode(t));
    if (t.type === 'temporal') return this.take({ kind: 'temporal', at: t.at, type: t.temporal!, text: t.text });
    if (this.isWord('true') || this.isWord('false')) return this.take({ kind: 'boolean', at: t.at, value: t.text === 'true' });
    if (this.isWord('null')) return this.take({ kind: 'null', at: t.at });
    if (this.isP('/')) {
      const r = this.rescan('regex');
      return this.take({ kind: 'regex', at: r.at, pattern: r.text });
    }
    return this.fail('Expression');
  }

  protected primary(): Expr {
    const t = this.peek();
    // An object of one field may go without braces wherever a value may (`Body: Request @(…): {…}`, `[(k): v]`).
    const field = this.bareField();
    if (field) return field;
    if (t.type === 'punct') {
      if (t.text === '$' || t.text === '$$' || t.text === '$$$') return this.take({ kind: 'anon', at: t.at, depth: t.text.length as 1 | 2 | 3 });
      if (t.text === '(') {
        if (this.isLambda()) return this.lambda();
        const e = this.parenthesised();
        if (!this.eatP(':')) return e;
        return { kind: 'object', at: t.at, fields: [{ kind: 'field', at: t.at, key: { at: t.at, name: e }, value: this.expr() }] };
      }
      if (t.text === '[') return this.array();
      if (t.text === '{') return this.object();
    }
    if (t.type === 'name' && !['true', 'false', 'null'].includes(t.text)) {
      if (t.text === 'do') return this.doBlock();
      this.expectName('Expression');
      return { kind: 'ref', at: t.at, name: t.text };
    }
    return this.literal();
  }

  protected stringNode(t: Token): Expr {
    const parts = t.parts ?? [];
    if (parts.every((p) => typeof p === 'string')) return { kind: 'string', at: t.at, value: parts.join('') };
    return { kind: 'template', at: t.at, parts: parts.map((p) => this.interpolated(p)) };
  }

  private interpolated(p: StringPart): string | Expr {
    if (typeof p === 'string') return p;
    if (p.kind === 'name') return { kind: 'ref', at: p.at, name: p.name };
    if (p.kind === 'anon') return { kind: 'anon', at: p.at, depth: p.depth };
    return this.subExpression(p.src, p.at);
  }

  /**
   * `(…)` starts a lambda when its closing parenthesis is followed by `->`, except at the top level
   * of a case guard, where `case x if (x > 1) -> …` ends the guard.
   */
  protected guardNesting = -1;

  private isLambda(): boolean {
    if (this.guardNesting === this.nesting) return false;
    let depth = 0;
    for (let k = 0; ; k++) {
      const t = this.peek(k);
      if (t.type === 'eof' || t.type === 'error') return false;
      if (t.type !== 'punct') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if ((t.text === ')' || t.text === ']' || t.text === '}') && --depth === 0)
        return this.peek(k + 1).text === '->' && this.peek(k + 1).type === 'punct';
    }
  }

  protected params(): Param[] {
    const params: Param[] = [];
    this.expectP('(');
    while (!this.isP(')')) {
      const name = this.expectName('Parameter');
      const type = this.eatP(':') ? this.type() : undefined;
      const def = this.eatP('=') ? this.expr(BP.infix) : undefined;
      params.push({ at: name.at, name: name.text, ...(type && { type }), ...(def && { default: def }) });
      if (!this.eatP(',')) break;
    }
    this.expectP(')');
    return params;
  }

  private lambda(): Expr {
    const at = this.peek().at;
    const params = this.params();
    this.expectP('->');
    return { kind: 'lambda', at, params, body: this.expr() };
  }

  private parenthesised(): Expr {
    this.expectP('(');
    const e = this.expr();
    this.expectP(')');
    return e;
  }

  private array(): Expr {
    const at = this.expectP('[').at;
    if (this.eatP(']')) return { kind: 'array', at, items: [] };
    const first = this.expr();
    // `[1 to 5]` is the range itself, not an array holding one.
    if (first.kind === 'range' && this.eatP(']')) return { ...first, at };
    const items: ArrayItem[] = [this.item(first)];
    while (this.eatP(',') && !this.isP(']')) items.push(this.item(this.expr()));
    this.expectP(']');
    return { kind: 'array', at, items };
  }

  private item(value: Expr): ArrayItem {
    return this.eatWord('if') ? { value, cond: this.expr() } : { value };
  }

  protected object(): Expr {
    const at = this.expectP('{').at;
    const fields = this.parts('}');
    this.expectP('}');
    return { kind: 'object', at, fields };
  }

  /** Object members up to (not including) `close`. */
  private parts(close: string): ObjectPart[] {
    const fields: ObjectPart[] = [];
    while (!this.isP(close)) {
      fields.push(this.part());
      if (!this.eatP(',')) break;
    }
    return fields;
  }

  private part(): ObjectPart {
    const at = this.peek().at;
    if (!this.isP('(')) {
      const key = this.key();
      this.expectP(':');
      return { kind: 'field', at, key, value: this.expr() };
    }
    if (this.isFieldStart(1)) {
      this.next();
      const inner = this.parts(')');
      this.expectP(')');
      const cond = this.eatWord('if') ? this.expr() : undefined;
      const only = inner.length === 1 ? inner[0]! : undefined;
      if (only && only.kind === 'field' && !only.cond) return { ...only, at, ...(cond && { cond }) };
      return { kind: 'spread', at, value: { kind: 'object', at, fields: inner }, ...(cond && { cond }) };
    }
    const value = this.parenthesised();
    if (this.isP('@', ':')) {
      const key: Key = { at, name: value, ...this.attributes() };
      this.expectP(':');
      return { kind: 'field', at, key, value: this.expr() };
    }
    const cond = this.eatWord('if') ? this.expr() : undefined;
    return { kind: 'spread', at, value, ...(cond && { cond }) };
  }

  /**
   * A value written as one field without braces (`root @(id: 1): {…}`, the usual start of an XML
   * output) is an object of that one field, as DataWeave reads it.
   */
  protected bareField(): Expr | undefined {
    if (!this.isFieldStart(0)) return undefined;
    const at = this.peek().at;
    const key = this.key();
    this.expectP(':');
    return { kind: 'object', at, fields: [{ kind: 'field', at, key, value: this.expr() }] };
  }

  private isFieldStart(k: number): boolean {
    const t = this.peek(k);
    const after = this.peek(k + 1);
    return (t.type === 'name' || t.type === 'string') && after.type === 'punct' && [':', '@', '#'].includes(after.text);
  }

  /** An object key: `name`, `"str"`, `ns#name`, `(expr)`, with optional `@(attr: v)`. */
  protected key(): Key {
    const t = this.next();
    let key: Key;
    if (t.type === 'name' && this.isP('#') && !this.peek().spaceBefore) {
      this.next();
      key = { at: t.at, ns: t.text, name: this.expectAnyName().text };
    } else if (t.type === 'name') key = { at: t.at, name: t.text };
    else if (t.type === 'string') {
      const s = this.stringNode(t);
      key = { at: t.at, name: s.kind === 'string' ? s.value : s };
    } else if (t.type === 'punct' && t.text === '(') {
      key = { at: t.at, name: this.expr() };
      this.expectP(')');
    } else return this.fail('Key', t);
    return { ...key, ...this.attributes() };
  }

  private attributes(): { attrs?: ObjectPart[] } {
    if (!this.eatP('@')) return {};
    this.expectP('(');
    const attrs = this.parts(')');
    this.expectP(')');
    return { attrs };
  }

  protected expectAnyName(): Token {
    if (this.peek().type !== 'name') this.fail('Name');
    return this.next();
  }

  private doBlock(): Expr {
    const at = this.next().at;
    this.expectP('{');
    const header = this.directives();
    if (header.length > 0 || this.isP('---')) this.expectP('---');
    const body = this.expr();
    this.expectP('}');
    return { kind: 'do', at, header, body };
  }
}
