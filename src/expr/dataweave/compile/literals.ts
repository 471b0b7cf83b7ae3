import type { Expr, Pos, TemporalType } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import { formatTemporal, temporalLiteral } from '../temporal/index.js';
import { fail } from '../values/eval-error.js';
import { describe } from '../values/describe.js';
import type { DwValue } from '../values/model.js';
import { isNum, formatNumber, parseNumber } from '../values/numbers.js';
import { isObject, typeOf } from '../values/model.js';
import { makeRegex } from './regex.js';
import type { Code } from './scope.js';

export function numberLiteral(text: string, at: Pos): Code {
  const n = parseNumber(text);
  if (n === undefined) throw new DataWeaveCompileError(`Invalid number: ${text}`, at);
  return () => n;
}

/** A date literal is read once, at load, when the temporal library can; a malformed one fails where it is evaluated, as DataWeave reports it. */
export function temporal(type: TemporalType, text: string): Code {
  let value: DwValue;
  try {
    value = temporalLiteral(type, text);
  } catch {
    return () => temporalLiteral(type, text);
  }
  return () => value;
}

export function regexLiteral(pattern: string, at: Pos): Code {
  let r: DwValue;
  try {
    r = makeRegex(pattern);
  } catch (e) {
    throw new DataWeaveCompileError((e as Error).message, at);
  }
  return () => r;
}

/** `"a $(x) b"`: each value as `as String` would write it. */
export function template(parts: Array<string | Expr>, compile: (e: Expr) => Code): Code {
  const codes = parts.map((p) => (typeof p === 'string' ? p : compile(p)));
  return (f) => {
    let out = '';
    for (const p of codes) out += typeof p === 'string' ? p : stringify(p(f));
    return out;
  };
}

/** A simple value as text (interpolation, `as String` without a format). */
export function stringify(v: DwValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return String(v);
  if (isNum(v)) return formatNumber(v);
  if (Array.isArray(v) || isObject(v) || typeof v === 'function' || v instanceof Uint8Array) return fail(`Cannot coerce ${describe(v)} to String`);
  if (typeOf(v) === 'Regex') return (v as { source: string }).source;
  return formatTemporal(v);
}
