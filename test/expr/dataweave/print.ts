import type { Directive, Expr, Key, ObjectPart, Pattern, Selector, TypeExpr } from '../../../src/expr/dataweave/ast.js';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';

/** Parses a bare DataWeave expression and prints it as a compact S-expression, so tests stay short. */
export function sx(src: string): string {
  return show(parseDataWeave(src).body);
}

const list = (...xs: Array<string | undefined>): string => `(${xs.filter((x) => x !== undefined).join(' ')})`;

export function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'template':
      return list('tpl', ...e.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : show(p))));
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'temporal':
      return `|${e.text}|`;
    case 'regex':
      return `/${e.pattern}/`;
    case 'ref':
      return e.name;
    case 'anon':
      return '$'.repeat(e.depth);
    case 'updated':
      return 'it';
    case 'object':
      return list('obj', ...e.fields.map(part));
    case 'array':
      return `[${e.items.map((i) => (i.cond ? list('when', show(i.cond), show(i.value)) : show(i.value))).join(' ')}]`;
    case 'range':
      return list('to', show(e.from), show(e.to));
    case 'unary':
      return list(e.op, show(e.operand));
    case 'binary':
      return list(e.op, show(e.left), show(e.right));
    case 'as':
      return list('as', show(e.value), type(e.type), e.props && show(e.props));
    case 'is':
      return list('is', show(e.value), type(e.type));
    case 'if':
      return list('if', show(e.cond), show(e.then), show(e.else));
    case 'match':
      return list('match', show(e.value), ...e.cases.map((c) => list('case', c.bind, pattern(c.pattern), show(c.body))));
    case 'update':
      return list('update', show(e.value), ...e.cases.map((c) => list('case', c.bind, show(c.path), c.guard && list('if', show(c.guard)), show(c.body))));
    case 'do':
      return list('do', ...e.header.map(directive), show(e.body));
    case 'lambda':
      return list('fn', list(...e.params.map((p) => p.name + (p.type ? `:${type(p.type)}` : '') + (p.default ? `=${show(p.default)}` : ''))), show(e.body));
    case 'call':
      return list(show(e.callee), ...e.args.map(show));
    case 'select':
      return selector(show(e.target), e.sel);
  }
}

function selector(target: string, s: Selector): string {
  switch (s.op) {
    case 'value':
      return list('.', target, key(s.key));
    case 'multi':
      return list('.*', target, key(s.key));
    case 'descendants':
      return list('..', target, key(s.key));
    case 'multiDescendants':
      return list('..*', target, key(s.key));
    case 'attribute':
      return list('.@', target, key(s.key));
    case 'multiAttribute':
      return list('.*@', target, key(s.key));
    case 'attributes':
      return list('.@', target);
    case 'namespace':
      return list('.#', target);
    case 'metadata':
      return list('.^', target, s.name);
    case 'exists':
      return list('exists', target);
    case 'assert':
      return list('assert', target);
    case 'index':
      return list('[]', target, show(s.expr));
    case 'filter':
      return list('[?]', target, show(s.expr));
  }
}

function key(k: Key): string {
  const name = typeof k.name === 'string' ? (/^\w+$/.test(k.name) ? k.name : JSON.stringify(k.name)) : list('key', show(k.name));
  const full = k.ns ? `${k.ns}#${name}` : name;
  return k.attrs ? `${full}${list('@', ...k.attrs.map(part))}` : full;
}

function part(p: ObjectPart): string {
  const cond = p.cond && list('if', show(p.cond));
  return p.kind === 'field' ? list(':', key(p.key), show(p.value), cond) : list('...', show(p.value), cond);
}

function pattern(p: Pattern): string {
  switch (p.kind) {
    case 'literal':
      return show(p.value);
    case 'type':
      return list('is', type(p.type));
    case 'regex':
      return list('matches', show(p.regex));
    case 'guard':
      return list('if', show(p.cond));
    case 'any':
      return '_';
  }
}

export function type(t: TypeExpr): string {
  switch (t.kind) {
    case 'named':
      return t.args.length ? `${t.name}<${t.args.map(type).join(',')}>` : t.name;
    case 'objectType':
      return `{${t.fields.map((f) => `${f.key}${f.optional ? '?' : ''}:${type(f.type)}`).join(',')}}`;
    case 'functionType':
      return `(${t.params.map(type).join(',')})->${type(t.result)}`;
    case 'literalType':
      return show(t.value);
    case 'union':
      return t.types.map(type).join('|');
    case 'intersection':
      return t.types.map(type).join('&');
  }
}

export function directive(d: Directive): string {
  switch (d.kind) {
    case 'version':
      return list('%dw', d.version);
    case 'output':
    case 'input':
      return list(d.kind, d.kind === 'input' ? d.name : undefined, d.mime, ...d.props.map((p) => `${p.name}=${show(p.value)}`));
    case 'var':
      return list('var', d.name, d.type && type(d.type), show(d.value));
    case 'fun':
      return list('fun', d.name, list(...d.params.map((p) => p.name + (p.type ? `:${type(p.type)}` : ''))), d.returnType && type(d.returnType), show(d.body));
    case 'import':
      return list(
        'import',
        d.module,
        d.alias && `as ${d.alias}`,
        d.names && (d.names === '*' ? '*' : d.names.map((n) => n.name + (n.alias ? `=${n.alias}` : '')).join(',')),
      );
    case 'ns':
      return list('ns', d.prefix, d.uri);
    case 'type':
      return list('type', d.name, type(d.type));
  }
}
