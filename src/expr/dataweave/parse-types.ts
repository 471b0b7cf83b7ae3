import type { Expr, TypeExpr } from './ast.js';
import { Cursor } from './cursor.js';

/** Type expressions: `String`, `Array<Number>`, `{ a?: String }`, `(Number) -> String`, unions and intersections. */
export abstract class TypeParser extends Cursor {
  /** A literal expression, for literal types such as `"GET" | "POST"`. */
  protected abstract literal(): Expr;

  protected type(): TypeExpr {
    const at = this.peek().at;
    const first = this.intersection();
    if (!this.isP('|')) return first;
    const types = [first];
    while (this.eatP('|')) types.push(this.intersection());
    return { kind: 'union', at, types };
  }

  private intersection(): TypeExpr {
    const at = this.peek().at;
    const first = this.typePrimary();
    if (!this.isP('&')) return first;
    const types = [first];
    while (this.eatP('&')) types.push(this.typePrimary());
    return { kind: 'intersection', at, types };
  }

  private typePrimary(): TypeExpr {
    const t = this.peek();
    if (t.type === 'name') {
      this.next();
      const args: TypeExpr[] = [];
      if (this.isP('<') && !this.peek().spaceBefore) {
        this.next();
        do args.push(this.type());
        while (this.eatP(','));
        if (this.isP('>>')) this.lexer.splitShift(this.i);
        this.expectP('>');
      }
      return { kind: 'named', at: t.at, name: t.text, args };
    }
    if (this.eatP('{')) return this.objectType(t.at);
    if (this.eatP('(')) {
      const params: TypeExpr[] = [];
      if (!this.isP(')')) {
        do {
          if (this.peek().type === 'name' && this.peek(1).text === ':') this.i += 2;
          params.push(this.type());
        } while (this.eatP(','));
      }
      this.expectP(')');
      if (!this.eatP('->')) return params.length === 1 ? params[0]! : this.fail('"->"');
      return { kind: 'functionType', at: t.at, params, result: this.type() };
    }
    if (t.type === 'string' || t.type === 'number' || t.type === 'temporal') return { kind: 'literalType', at: t.at, value: this.literal() };
    return this.fail('Type');
  }

  private objectType(at: TypeExpr['at']): TypeExpr {
    const fields: Array<{ key: string; optional: boolean; type: TypeExpr }> = [];
    while (!this.isP('}')) {
      const k = this.next();
      if (k.type !== 'name' && k.type !== 'string') this.fail('Key', k);
      const optional = this.eatP('?');
      this.expectP(':');
      fields.push({ key: k.type === 'string' ? k.text.slice(1, -1) : k.text, optional, type: this.type() });
      if (!this.eatP(',')) break;
    }
    this.expectP('}');
    return { kind: 'objectType', at, fields };
  }
}
