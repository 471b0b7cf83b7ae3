import { DataWeaveEvaluationError } from '../values/eval-error.js';
import { describe } from '../values/describe.js';
import type { DwFunction, DwValue, TypeName } from '../values/model.js';
import { typeOf } from '../values/model.js';
import type { Num } from '../values/numbers.js';
import { formatNumber, parseNumber } from '../values/numbers.js';
import type { TemporalType } from '../ast.js';
import { formatTemporal, parseTemporal } from '../temporal/index.js';

/**
 * How library functions are declared: by name, with DataWeave's overloads. A call picks the first
 * overload whose parameter types accept the arguments (as DataWeave dispatches `++` on Array,
 * String, Object or dates); none accepting them is DataWeave's own error:
 *
 *     You called the function 'upper' with these arguments:
 *       1: Array ([1])
 *
 *     But it expects one of these combinations:
 *       (String)
 *       (Null)
 *
 * @example
 * ```ts
 * export const upper = defineFunction('upper', [
 *   overload('String', (s: string) => s.toUpperCase()),
 *   overload('Null', () => null),
 * ]);
 * ```
 */
export type ParamType = TypeName | 'Any' | 'Nothing';

export interface Overload {
  /** One entry per parameter; a union is several names (`['String', 'Null']`). */
  readonly params: ReadonlyArray<readonly ParamType[]>;
  /** How many of the trailing parameters may be left out (they arrive undefined). */
  readonly optional: number;
  readonly impl: (...args: never[]) => DwValue;
}

/** The groups of types a parameter written as `Comparable`, `SimpleType` … accepts. */
const ALIASES: Record<string, readonly ParamType[]> = {
  Comparable: ['String', 'Number', 'Boolean', 'Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time', 'TimeZone'],
  SimpleType: ['String', 'Number', 'Boolean', 'Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time', 'TimeZone', 'Period', 'Regex'],
  Temporal: ['Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time'],
  Key: ['String'],
};

/**
 * An overload from its parameter list as DataWeave writes it: `'Array, Function'`,
 * `'String | Null, Regex | String, String?'` (a trailing `?` makes a parameter optional),
 * `''` for none. `Comparable`, `SimpleType`, `Temporal` and `Key` name their groups.
 */
export function overload(params: string, impl: (...args: never[]) => DwValue): Overload {
  const list = params.trim() === '' ? [] : params.split(',').map((p) => p.trim());
  let optional = 0;
  const types = list.map((p) => {
    if (p.endsWith('?')) {
      optional++;
      p = p.slice(0, -1);
    } else if (optional > 0) throw new Error(`overload '${params}': an optional parameter must come last`);
    return p.split('|').flatMap((t) => ALIASES[t.trim()] ?? [t.trim() as ParamType]);
  });
  return { params: types, optional, impl };
}

function accepts(types: readonly ParamType[], v: DwValue | undefined): boolean {
  if (types.length === 1 && types[0] === 'Any') return true;
  const t = typeOf(v ?? null);
  for (const x of types) if (x === t || x === 'Any') return true;
  return false;
}

const TEMPORAL: readonly string[] = ['Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time'];

/**
 * The arguments coerced as DataWeave coerces them when no overload takes them as they are: a
 * Number, Boolean or date to String (`"Total: " ++ 3`), a numeric String to Number
 * (`isDecimal("1.1")`), any value to a Function that answers it (`groupBy "all"`, `with("x")`).
 * Undefined when some argument cannot be made to fit.
 */
function coerceArgs(params: ReadonlyArray<readonly ParamType[]>, args: readonly DwValue[]): DwValue[] | undefined {
  const out: DwValue[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const types = params[i]!;
    const v = args[i]!;
    if (accepts(types, v)) {
      out[i] = v;
      continue;
    }
    const t = typeOf(v ?? null);
    let c: DwValue | undefined;
    if (types.includes('String')) {
      if (t === 'Number') c = formatNumber(v as Num);
      else if (t === 'Boolean') c = String(v);
      else if (TEMPORAL.includes(t)) c = attempt(() => formatTemporal(v));
    }
    if (c === undefined && types.includes('Number') && t === 'String') c = parseNumber(v as string);
    if (c === undefined && t === 'String') c = parseAsTemporal(types, v as string);
    if (c === undefined && types.includes('Function') && t !== 'Null' && t !== 'Function') c = (() => v) as DwFunction;
    if (c === undefined) return undefined;
    out[i] = c;
  }
  return out;
}

/** A String read as the first date/time type of the parameter it parses as (`daysBetween("2016-10-01T23:57:59-03:00", …)`). */
function parseAsTemporal(types: readonly ParamType[], text: string): DwValue | undefined {
  for (const type of types) {
    if (!TEMPORAL.includes(type)) continue;
    const v = attempt(() => parseTemporal(text, type as TemporalType));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A coercion's value, or undefined when the value does not coerce (its evaluation error is the answer no). */
function attempt(coercion: () => DwValue): DwValue | undefined {
  try {
    return coercion();
  } catch (e) {
    if (e instanceof DataWeaveEvaluationError) return undefined;
    throw e;
  }
}

/** A library function from its overloads, named for error messages. */
export function defineFunction(name: string, overloads: readonly Overload[]): DwFunction {
  const max = Math.max(...overloads.map((o) => o.params.length));
  const fn = (...args: DwValue[]): DwValue => {
    const n = args.length;
    // Text read from XML with attributes arrives boxed; functions work on the plain string.
    for (let i = 0; i < n; i++) if (args[i] instanceof String) args[i] = (args[i] as unknown as string).valueOf();
    for (const o of overloads) {
      const total = o.params.length;
      if (n > total || n < total - o.optional) continue;
      let ok = true;
      for (let i = 0; i < n && ok; i++) ok = accepts(o.params[i]!, args[i]);
      if (ok) return (o.impl as (...a: DwValue[]) => DwValue)(...args);
    }
    // DataWeave's second try: the first overload the arguments fit once coerced implicitly.
    for (const o of overloads) {
      const total = o.params.length;
      if (n > total || n < total - o.optional) continue;
      const coerced = coerceArgs(o.params, args);
      if (coerced) return (o.impl as (...a: DwValue[]) => DwValue)(...coerced);
    }
    throw new DataWeaveEvaluationError(mismatch(name, args, overloads));
  };
  Object.defineProperty(fn, 'dwName', { value: name });
  Object.defineProperty(fn, 'length', { value: max });
  Object.defineProperty(fn, 'dwOverloads', { value: overloads });
  return fn as DwFunction;
}

/** The overloads of a function made by {@link defineFunction} (the compiler reads which parameters take functions), or undefined. */
export function overloadsOf(fn: DwFunction): readonly Overload[] | undefined {
  return (fn as { dwOverloads?: readonly Overload[] }).dwOverloads;
}

function mismatch(name: string, args: readonly DwValue[], overloads: readonly Overload[]): string {
  const given = args.map((a, i) => `  ${i + 1}: ${describe(a)}`).join('\n');
  const wanted = overloads.map((o) => `  (${o.params.map((p, i) => p.join(' | ') + (i >= o.params.length - o.optional ? '?' : '')).join(', ')})`).join('\n');
  return `You called the function '${name}' with these arguments:\n${given}\n\nBut it expects one of these combinations:\n${wanted}`;
}

/** A set of functions by name: dw::Core, or a module such as dw::core::Strings. */
export type FunctionTable = Readonly<Record<string, DwFunction>>;
