import type { Expr, MatchCase, Pos } from '../ast.js';
import { equals } from '../values/compare.js';
import { describe } from '../values/describe.js';
import { DataWeaveCompileError } from '../errors.js';
import type { DwRegex, DwValue } from '../values/model.js';
import { isRegex } from '../values/model.js';
import { failAt } from './located.js';
import { makeRegex } from './regex.js';
import type { Code, Frame, Scope } from './scope.js';
import { typeTest } from './types.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** A case: does the value match, and (when it does) what the case evaluates to. The bound name lives in a slot of the enclosing frame. */
interface CompiledCase {
  readonly test: (f: Frame, v: DwValue) => boolean;
  readonly body: Code;
}

/** `v match { case … }` (https://docs.mulesoft.com/dataweave/latest/dataweave-pattern-matching): the first case that matches. */
/** `body` compiles the case bodies (a function's tail position compiles them as such). */
export function compileMatch(e: Extract<Expr, { kind: 'match' }>, sc: Scope, compile: Compile, body: Compile = compile): Code {
  const value = compile(e.value, sc);
  const cases = e.cases.map((c) => compileCase(c, sc, compile, body));
  const at = e.at;
  return (f) => {
    const v = value(f);
    for (const c of cases) if (c.test(f, v)) return c.body(f);
    return failAt(`Unable to match: ${describe(v)}`, at);
  };
}

function compileCase(c: MatchCase, outer: Scope, compile: Compile, compileBody: Compile): CompiledCase {
  const sc = outer.child();
  const index = c.bind !== undefined ? sc.declare(c.bind).index : -1;
  const bind = (f: Frame, v: DwValue): void => {
    if (index >= 0) f.s[index] = v;
  };
  const p = c.pattern;
  const body = compileBody(c.body, sc);
  switch (p.kind) {
    case 'any':
      return { test: (f, v) => (bind(f, v), true), body };
    case 'literal': {
      const lit = compile(p.value, sc);
      return { test: (f, v) => equals(v, lit(f)) && (bind(f, v), true), body };
    }
    case 'type': {
      const t = typeTest(p.type, outer);
      return { test: (f, v) => t(v) && (bind(f, v), true), body };
    }
    case 'guard': {
      const cond = compile(p.cond, sc);
      return { test: (f, v) => (bind(f, v), guard(cond(f), c.at)), body };
    }
    case 'regex': {
      const whole = regexPattern(p.regex, sc, compile, c.at);
      return {
        test: (f, v) => {
          if (typeof v !== 'string') return false;
          const m = whole(f).once().exec(v);
          if (!m) return false;
          bind(
            f,
            Array.from(m, (g) => g ?? null),
          );
          return true;
        },
        body,
      };
    }
  }
}

/** A case regex must match the whole string, as `matches` does. */
function regexPattern(e: Expr, sc: Scope, compile: Compile, at: Pos): (f: Frame) => DwRegex {
  if (e.kind === 'regex') {
    const r = anchored(e.pattern, at);
    return () => r;
  }
  const c = compile(e, sc);
  return (f) => {
    const r = c(f);
    if (!isRegex(r)) return failAt(`A case pattern must be a Regex, not ${describe(r)}`, at);
    return makeRegex(`^(?:${r.source})$`);
  };
}

function anchored(source: string, at: Pos): DwRegex {
  try {
    return makeRegex(`^(?:${source})$`);
  } catch (e) {
    throw new DataWeaveCompileError((e as Error).message, at);
  }
}

function guard(v: DwValue, at: Pos): boolean {
  if (typeof v === 'boolean') return v;
  return failAt(`A case condition must be a Boolean, not ${describe(v)}`, at);
}
