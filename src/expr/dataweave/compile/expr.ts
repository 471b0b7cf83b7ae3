import type { Expr } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import type { DwValue } from '../values/model.js';
import { isObject } from '../values/model.js';
import { compileCall, refCode } from './calls.js';
import type { CoerceProps } from './coerce.js';
import { coercion } from './coerce.js';
import { compileFunction, functionValue } from './functions.js';
import { compileHeader } from './header.js';
import { numberLiteral, regexLiteral, template, temporal } from './literals.js';
import { located } from './located.js';
import { compileMatch } from './match.js';
import { resolve } from './names.js';
import { compileArray, compileObject, compileRange } from './objects.js';
import { binary, unary } from './operators.js';
import { branch } from './branch.js';
import type { Code, Scope } from './scope.js';
import { compileSelect } from './selectors.js';
import { typeTest } from './types.js';
import { compileUpdate } from './update.js';

/** Compiles an expression to a closure over a frame; names are resolved here, once. */
export function compile(e: Expr, sc: Scope): Code {
  switch (e.kind) {
    case 'number':
      return numberLiteral(e.text, e.at);
    case 'string': {
      const v = e.value;
      return () => v;
    }
    case 'boolean': {
      const v = e.value;
      return () => v;
    }
    case 'null':
      return () => null;
    case 'template':
      return template(e.parts, (p) => compile(p, sc));
    case 'temporal':
      return temporal(e.type, e.text);
    case 'regex':
      return regexLiteral(e.pattern, e.at);
    case 'ref':
      return refCode(resolve(e.name, sc, e.at));
    case 'anon': {
      const name = '$'.repeat(e.depth);
      if (!sc.find(name))
        throw new DataWeaveCompileError(
          `Unable to resolve reference of: ${name}`,
          e.at,
          `${name} exists only in a lambda argument (payload map $.name) or a filter selector`,
        );
      return refCode(resolve(name, sc, e.at));
    }
    case 'object':
      return compileObject(e.fields, sc, compile);
    case 'array':
      return compileArray(e.items, sc, compile);
    case 'range':
      return compileRange(compile(e.from, sc), compile(e.to, sc), e.at);
    case 'unary':
      return unary(e.op, e.operand, e.at, sc, compile);
    case 'binary':
      return binary(e.op, e.left, e.right, e.at, sc, compile);
    case 'as':
      return compileAs(e, sc);
    case 'is': {
      const v = compile(e.value, sc);
      const t = typeTest(e.type, sc);
      return (f) => t(v(f));
    }
    case 'if':
      return compileIf(e, sc);
    case 'match':
      return compileMatch(e, sc, compile);
    case 'update':
      return compileUpdate(e, sc, compile);
    case 'do': {
      const inner = sc.child();
      const inits = compileHeader(e.header, inner, compile);
      const body = compile(e.body, inner);
      return (f) => {
        for (const init of inits) init(f);
        return body(f);
      };
    }
    case 'lambda': {
      const c = compileFunction(undefined, e.params, e.body, sc, compile);
      return (f) => functionValue(c, f);
    }
    case 'call':
      return compileCall(e, sc, compile);
    case 'select':
      return compileSelect(e, sc, compile);
    case 'updated':
      throw new DataWeaveCompileError('A selector path is only valid in an update case', e.at);
  }
}

function compileIf(e: Extract<Expr, { kind: 'if' }>, sc: Scope): Code {
  return branch(compile(e.cond, sc), compile(e.then, sc), compile(e.else, sc), e.cond.at);
}

function compileAs(e: Extract<Expr, { kind: 'as' }>, sc: Scope): Code {
  const v = compile(e.value, sc);
  const to = coercion(e.type, sc);
  const props = e.props ? compile(e.props, sc) : undefined;
  return located((f) => {
    const p: DwValue | undefined = props?.(f);
    return to(v(f), isObject(p) && !Array.isArray(p) ? (p as CoerceProps) : undefined);
  }, e.at);
}
