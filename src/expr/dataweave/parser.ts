import type { Directive, Expr, Pos, Script, WriterProperty } from './ast.js';
import { ExprParser } from './parse-expr.js';

const DIRECTIVES = new Set(['output', 'input', 'var', 'fun', 'import', 'ns', 'type']);

/** The header directives and the script as a whole. */
class ScriptParser extends ExprParser {
  script(): Script {
    const header = this.directives();
    if (header.length > 0 || this.isP('---')) this.expectP('---');
    const body = this.bareField() ?? this.expr();
    this.end();
    return { header, body };
  }

  /** A module file: directives only (a `---` with nothing after it is allowed). */
  module(): Script {
    const header = this.directives();
    this.eatP('---');
    this.end();
    return { header, body: { kind: 'null', at: { line: 1, col: 1 } } };
  }

  end(): void {
    if (this.peek().type !== 'eof') this.fail('end of input');
  }

  protected subExpression(src: string, at: Pos): Expr {
    const p = new ScriptParser(src, at);
    const e = p.expr();
    p.end();
    return e;
  }

  protected directives(): Directive[] {
    const out: Directive[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'punct' && t.text === '%') out.push(this.version());
      else if (t.type === 'name' && DIRECTIVES.has(t.text)) out.push(this.directive(this.next().text, t.at));
      else return out;
    }
  }

  private version(): Directive {
    const at = this.expectP('%').at;
    this.expectWord('dw');
    const v = this.next();
    if (v.type !== 'number') this.fail('version number', v);
    return { kind: 'version', at, version: v.text };
  }

  private directive(word: string, at: Pos): Directive {
    switch (word) {
      case 'output':
        return { kind: 'output', at, mime: this.mime(), props: this.writerProperties() };
      case 'input': {
        const name = this.expectName().text;
        return { kind: 'input', at, name, mime: this.mime(), props: this.writerProperties() };
      }
      case 'var': {
        const name = this.expectName().text;
        const type = this.eatP(':') ? this.type() : undefined;
        this.expectP('=');
        return { kind: 'var', at, name, ...(type && { type }), value: this.expr() };
      }
      case 'fun':
        return this.fun(at);
      case 'import':
        return this.importDirective(at);
      case 'ns': {
        const prefix = this.expectName().text;
        const t = this.peek().type === 'string' ? this.next() : (this.rescan('uri'), this.next());
        return { kind: 'ns', at, prefix, uri: t.type === 'string' ? t.text.slice(1, -1) : t.text };
      }
      default: {
        const name = this.expectName().text;
        const typeParams = this.typeParams();
        this.expectP('=');
        return { kind: 'type', at, name, typeParams, type: this.type() };
      }
    }
  }

  private mime(): string {
    const t = this.rescan('mime');
    this.next();
    if (t.type !== 'raw') this.fail('a MIME type', t);
    return t.text;
  }

  /** `indent=false, skipNullOn="everywhere"` after a MIME type. */
  private writerProperties(): WriterProperty[] {
    const props: WriterProperty[] = [];
    while (this.peek().type === 'name' && this.peek(1).text === '=' && this.peek(1).type === 'punct') {
      const name = this.next().text;
      this.next();
      props.push({ name, value: this.literal() });
      if (!this.isP(',')) break;
      this.next();
    }
    return props;
  }

  private typeParams(): string[] {
    const names: string[] = [];
    if (!this.eatP('<')) return names;
    do {
      names.push(this.expectName('Type parameter').text);
    } while (this.eatP(','));
    this.expectP('>');
    return names;
  }

  private fun(at: Pos): Directive {
    const name = this.expectName('Function name').text;
    const typeParams = this.typeParams();
    const params = this.params();
    const returnType = this.eatP(':') ? this.type() : undefined;
    this.expectP('=');
    return { kind: 'fun', at, name, typeParams, params, ...(returnType && { returnType }), body: this.expr() };
  }

  /** `import m`, `import m as x`, `import * from m`, `import a, b as c from m`. */
  private importDirective(at: Pos): Directive {
    if (this.eatP('*')) {
      this.expectWord('from');
      return { kind: 'import', at, module: this.expectName('Module name').text, names: '*' };
    }
    const names: Array<{ name: string; alias?: string }> = [];
    do {
      const name = this.expectName('Module name').text;
      const alias = this.eatWord('as') ? this.expectName().text : undefined;
      names.push({ name, ...(alias && { alias }) });
    } while (this.eatP(','));
    if (this.eatWord('from')) return { kind: 'import', at, module: this.expectName('Module name').text, names };
    if (names.length > 1) this.fail('"from"');
    const only = names[0]!;
    return { kind: 'import', at, module: only.name, ...(only.alias && { alias: only.alias }) };
  }
}

/**
 * Parses a DataWeave 2 script (header, `---`, body) or a bare expression such as the inside of
 * `#[…]`. Throws a {@link DataWeaveSyntaxError} at the first syntax error.
 *
 * @example
 * ```ts
 * const { header, body } = parseDataWeave('%dw 2.0\noutput application/json\n---\npayload.a default 1');
 * ```
 */
export function parseDataWeave(src: string, base?: Pos): Script {
  return new ScriptParser(src, base).script();
}

/** Parses a DataWeave module file (`fun`s, `var`s, `type`s, `ns`; no body). */
export function parseDataWeaveModule(src: string): Script {
  return new ScriptParser(src).module();
}
