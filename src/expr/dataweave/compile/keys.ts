import type { Expr, Key } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import { stringify } from './literals.js';
import type { Code, Scope } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** A key's name: fixed text known at load, or code giving it (a dynamic `(expr)` key or an interpolated string). */
export type KeyName = string | ((f: Parameters<Code>[0]) => string);

export function keyName(k: Key, sc: Scope, compile: Compile): KeyName {
  if (typeof k.name === 'string') return k.name;
  const c = compile(k.name, sc);
  // A value used as a key: strings as they are, numbers and booleans as their text (DataWeave's Key coercion).
  return (f) => stringify(c(f));
}

/** The namespace URI of a key's prefix, from the `ns` directives in scope. */
export function namespaceOf(k: Key, sc: Scope): string | undefined {
  if (k.ns === undefined) return undefined;
  const uri = sc.namespace(k.ns);
  if (uri === undefined) throw new DataWeaveCompileError(`Unable to resolve namespace prefix: ${k.ns}`, k.at, `declare it in the header: ns ${k.ns} http://…`);
  return uri;
}
