import type { Expr, Param, Pos } from '../ast.js';
import { enter, leave, tick } from '../context.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwFunction, DwValue } from '../values/model.js';
import type { Code, Scope, SlotBinding } from './scope.js';
import { Frame } from './scope.js';
import { TailCall, compileTail } from './tail.js';
import { typeTest } from './types.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** A function compiled once: building its value at run time only closes over the frame it is created in. */
export interface CompiledFunction {
  readonly name: string | undefined;
  readonly params: readonly Param[];
  /** How many arguments a call must pass (parameters without a default). */
  readonly required: number;
  /** Whether the arguments have the declared types (untyped parameters accept anything). */
  readonly accepts: (args: readonly DwValue[]) => boolean;
  /** Runs the body on the arguments, in a new frame under `outer`. */
  readonly invoke: (outer: Frame, args: readonly DwValue[]) => DwValue;
}

/**
 * Compiles parameters and body in a scope of their own (a new frame at each call). `self`, for a
 * `fun` of one overload whose parameters take no functions, loops on its tail self-calls.
 */
export function compileFunction(
  name: string | undefined,
  params: readonly Param[],
  body: Expr,
  sc: Scope,
  compile: Compile,
  self?: SlotBinding,
): CompiledFunction {
  const inner = sc.function();
  const n = params.length;
  for (const p of params) inner.declare(p.name);
  // A default may read the parameters before it (`fun f(a, b = a + 1)`).
  const defaults = params.map((p) => (p.default ? compile(p.default, inner) : undefined));
  const tests = params.map((p) => (p.type ? typeTest(p.type, sc) : undefined));
  const typed = tests.some((t) => t !== undefined);
  let required = n;
  while (required > 0 && params[required - 1]!.default) required--;
  const loops = self !== undefined && name !== undefined && !params.some((p) => p.type?.kind === 'functionType');
  const code = loops ? compileTail(body, inner, compile, { binding: self, name, required, total: n }) : compile(body, inner);
  const fn = inner.fn;
  const accepts = typed ? (args: readonly DwValue[]) => tests.every((t, i) => t === undefined || args[i] === undefined || t(args[i]!)) : () => true;
  const once = (outer: Frame, args: readonly DwValue[]): DwValue => {
    const s: DwValue[] = new Array(fn.size);
    const frame = new Frame(outer, s);
    for (let i = 0; i < n; i++) {
      const a = args[i];
      s[i] = a !== undefined ? a : defaults[i] ? defaults[i]!(frame) : null;
    }
    return code(frame);
  };
  const compiled: CompiledFunction = {
    name,
    params,
    required,
    accepts,
    invoke: loops
      ? (outer, args) => {
          let r = once(outer, args);
          while (r instanceof TailCall) {
            const next = r.args;
            if (!accepts(next)) mismatch(name ?? 'anonymous', next, [compiled]);
            tick();
            r = once(outer, next);
          }
          return r;
        }
      : once,
  };
  return compiled;
}

/** The value of a lambda or single `fun`: a JavaScript function, bounded by the depth limit. */
export function functionValue(c: CompiledFunction, outer: Frame): DwFunction {
  const { invoke, accepts } = c;
  const checked = c.params.some((p) => p.type !== undefined);
  let fn: (...args: DwValue[]) => DwValue;
  switch (c.params.length) {
    case 1:
      fn = (a: DwValue) => guardedCall(invoke, outer, [a]);
      break;
    case 2:
      fn = (a: DwValue, b: DwValue) => guardedCall(invoke, outer, [a, b]);
      break;
    default:
      fn = (...args: DwValue[]) => guardedCall(invoke, outer, args);
  }
  if (checked) {
    const plain = fn;
    fn = (...args: DwValue[]) => (accepts(args) ? plain(...args) : mismatch(c.name ?? 'anonymous', args, [c]));
  }
  (fn as { dwParams?: readonly string[] }).dwParams = c.params.map((p) => p.name);
  if (c.name) Object.defineProperty(fn, 'dwName', { value: c.name });
  return fn as DwFunction;
}

/** A call under the depth limit (enter/leave), which also counts toward the time budget. */
function guardedCall(invoke: CompiledFunction['invoke'], outer: Frame, args: DwValue[]): DwValue {
  enter();
  try {
    return invoke(outer, args);
  } finally {
    leave();
  }
}

/** Several `fun`s of one name: the first whose arity and parameter types accept the call runs (DataWeave's overloading). */
export function overloadedValue(name: string, overloads: readonly CompiledFunction[], outer: Frame): DwFunction {
  const fn = (...args: DwValue[]): DwValue => {
    for (const o of overloads) {
      if (args.length >= o.required && args.length <= o.params.length && o.accepts(args)) return guardedCall(o.invoke, outer, args);
    }
    // A library function passes its callback more arguments than it may use (map passes the index too).
    for (const o of overloads) {
      const used = args.slice(0, o.params.length);
      if (args.length > o.params.length && used.length >= o.required && o.accepts(used)) return guardedCall(o.invoke, outer, used);
    }
    return mismatch(name, args, overloads);
  };
  Object.defineProperty(fn, 'dwName', { value: name });
  return fn as DwFunction;
}

function mismatch(name: string, args: readonly DwValue[], overloads: readonly CompiledFunction[]): never {
  const given = args.map((a, i) => `  ${i + 1}: ${describe(a)}`).join('\n');
  const wanted = overloads.map((o) => `  (${o.params.map((p) => p.name + (p.type ? `: ${typeText(p.type)}` : '')).join(', ')})`).join('\n');
  return fail(`You called the function '${name}' with these arguments:\n${given}\n\nBut it expects one of these combinations:\n${wanted}`);
}

function typeText(t: NonNullable<Param['type']>): string {
  switch (t.kind) {
    case 'named':
      return t.name + (t.args.length ? `<${t.args.map(typeText).join(', ')}>` : '');
    case 'union':
      return t.types.map(typeText).join(' | ');
    case 'intersection':
      return t.types.map(typeText).join(' & ');
    case 'functionType':
      return `(${t.params.map(typeText).join(', ')}) -> ${typeText(t.result)}`;
    default:
      return t.kind === 'objectType' ? 'Object' : 'Literal';
  }
}

/** The parameters of a lambda written with `$`, `$$`, `$$$`. */
export function implicitParams(at: Pos, depth: number): Param[] {
  return ['$', '$$', '$$$'].slice(0, Math.max(depth, 1)).map((name) => ({ at, name }));
}
