import type { Expr, MatchCase, Pattern, Pos, UpdateCase } from './ast.js';
import { RESERVED } from './cursor.js';
import { BP, PrimaryParser } from './parse-primary.js';

const LITERAL_WORDS = new Set(['true', 'false', 'null']);

/** The cases of `match` and `update` blocks (https://docs.mulesoft.com/dataweave/latest/dataweave-pattern-matching). */
export abstract class CaseParser extends PrimaryParser {
  /** Selectors and calls applied to `target`. */
  abstract postfix(target: Expr): Expr;

  protected block<T>(item: () => T): T[] {
    this.expectP('{');
    const items: T[] = [];
    while (!this.isP('}')) items.push(item());
    if (items.length === 0) this.fail('"case"');
    this.expectP('}');
    return items;
  }

  protected matchCase(): MatchCase {
    const at = this.peek().at;
    if (this.eatWord('else')) return this.caseBody(at, undefined, { kind: 'any' });
    this.expectWord('case');
    if (this.eatWord('is')) return this.caseBody(at, undefined, { kind: 'type', type: this.type() });
    if (this.eatWord('matches')) return this.caseBody(at, undefined, { kind: 'regex', regex: this.literal() });
    if (this.isWord('var') && this.peek(1).type === 'name') this.next();
    const t = this.peek();
    const n = this.peek(1);
    const binds =
      t.type === 'name' &&
      !RESERVED.has(t.text) &&
      !LITERAL_WORDS.has(t.text) &&
      (n.text === '->' || n.text === ':' || ['if', 'is', 'matches'].includes(n.text));
    if (!binds) {
      const value = this.expr(BP.not);
      return this.caseBody(at, undefined, value.kind === 'regex' ? { kind: 'regex', regex: value } : { kind: 'literal', value });
    }
    const bind = this.next().text;
    if (this.eatWord('if')) return this.caseBody(at, bind, { kind: 'guard', cond: this.guard() });
    if (this.eatWord('is')) return this.caseBody(at, bind, { kind: 'type', type: this.type() });
    if (this.eatWord('matches')) return this.caseBody(at, bind, { kind: 'regex', regex: this.literal() });
    if (this.eatP(':')) {
      const value = this.expr(BP.not);
      return this.caseBody(at, bind, value.kind === 'regex' ? { kind: 'regex', regex: value } : { kind: 'literal', value });
    }
    return this.caseBody(at, bind, { kind: 'any' });
  }

  private guard(): Expr {
    const outer = this.guardNesting;
    this.guardNesting = this.nesting;
    try {
      return this.expr();
    } finally {
      this.guardNesting = outer;
    }
  }

  private caseBody(at: Pos, bind: string | undefined, pattern: Pattern): MatchCase {
    this.expectP('->');
    return { at, ...(bind !== undefined && { bind }), pattern, body: this.expr() };
  }

  /** `case [name [at index]] <selectors> [if (cond)] -> value` (DataWeave's update operator). */
  protected updateCase(): UpdateCase {
    const at = this.expectWord('case').at;
    let bind: string | undefined;
    if (this.peek().type === 'name') {
      bind = this.next().text;
      this.expectWord('at');
    }
    const path = this.postfix({ kind: 'updated', at: this.peek().at });
    if (path.kind === 'updated') this.fail('Selector');
    const guard = this.eatWord('if') ? this.guard() : undefined;
    this.expectP('->');
    return { at, ...(bind !== undefined && { bind }), path, ...(guard && { guard }), body: this.expr() };
  }
}
