import type { TemporalType, TypeExpr } from '../ast.js';
import { convertTemporal, formatTemporal, numberToTemporal, parseTemporal, temporalToNumber } from '../temporal/index.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { isObject, isRegex, typeOf } from '../values/model.js';
import { formatNumber, isNum, parseNumber } from '../values/numbers.js';
import { formatDecimal, parseDecimal } from './format-number.js';
import { stringify } from './literals.js';
import { makeRegex } from './regex.js';
import type { Scope } from './scope.js';
import { baseType, typeTest } from './types.js';

/** The properties of `as T {format: …, locale: …, unit: …}`. */
export type CoerceProps = Readonly<Record<string, DwValue>> | undefined;
export type Coercion = (v: DwValue, props: CoerceProps) => DwValue;

const TEMPORAL = new Set<string>(['Date', 'DateTime', 'LocalDateTime', 'Time', 'LocalTime', 'TimeZone', 'Period']);

/**
 * `v as T` (https://docs.mulesoft.com/dataweave/latest/dataweave-type-system#type-coercion): a value
 * already of the type is itself; else the documented conversions, or DataWeave's "Cannot coerce"
 * error, null included (`x as Number default 0` reads a missing x as 0 because `default` takes over).
 */
export function coercion(t: TypeExpr, sc: Scope): Coercion {
  const base = baseType(t, sc);
  if (base.kind === 'union') {
    const members = base.types.map((m) => ({ is: typeTest(m, sc), to: coercion(m, sc) }));
    return (v, props) => {
      for (const m of members) if (m.is(v)) return v;
      let error: unknown;
      for (const m of members) {
        try {
          return m.to(v, props);
        } catch (e) {
          error ??= e;
        }
      }
      throw error;
    };
  }
  const is = typeTest(base, sc);
  const target = base.kind === 'named' ? base.name : base.kind === 'objectType' ? 'Object' : base.kind === 'functionType' ? 'Function' : 'Any';
  const to = converter(target);
  return (v, props) => (is(v) ? v : to(v, props));
}

function converter(target: string): Coercion {
  if (TEMPORAL.has(target)) return (v, props) => toTemporal(v, target as TemporalType, props);
  switch (target) {
    case 'String':
    case 'Key':
    case 'Uri':
    case 'CData':
      return toString;
    case 'Number':
      return toNumber;
    case 'Boolean':
      return (v) => {
        if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
        return cannot(v, 'Boolean');
      };
    case 'Regex':
      return (v) => (typeof v === 'string' ? makeRegex(v) : cannot(v, 'Regex'));
    case 'Binary':
      return (v) => (typeof v === 'string' ? new TextEncoder().encode(v) : cannot(v, 'Binary'));
    default:
      return (v) => cannot(v, target);
  }
}

function prop(props: CoerceProps, name: string): string | undefined {
  const v = props?.[name];
  return typeof v === 'string' ? v : undefined;
}

function toString(v: DwValue, props: CoerceProps): DwValue {
  const format = prop(props, 'format');
  if (isNum(v)) return format !== undefined ? formatDecimal(v, format, prop(props, 'locale')) : formatNumber(v);
  if (v instanceof Uint8Array) return new TextDecoder(prop(props, 'encoding') ?? 'utf-8').decode(v);
  if (isRegex(v)) return v.source;
  if (TEMPORAL.has(typeOf(v))) return formatTemporal(v, format, prop(props, 'locale'));
  if (v === null || Array.isArray(v) || isObject(v) || typeof v === 'function') return cannot(v, 'String');
  return stringify(v);
}

function toNumber(v: DwValue, props: CoerceProps): DwValue {
  if (typeof v === 'string') {
    const format = prop(props, 'format');
    const n = format !== undefined ? parseDecimal(v, format) : parseNumber(v);
    return n ?? cannot(v, 'Number');
  }
  if (TEMPORAL.has(typeOf(v)) && typeOf(v) !== 'Period') return temporalToNumber(v, prop(props, 'unit'));
  return cannot(v, 'Number');
}

function toTemporal(v: DwValue, type: TemporalType, props: CoerceProps): DwValue {
  if (typeof v === 'string') return parseTemporal(v, type, prop(props, 'format'), prop(props, 'locale'));
  if (isNum(v)) return numberToTemporal(v, type, prop(props, 'unit'));
  if (TEMPORAL.has(typeOf(v))) return convertTemporal(v, type);
  return cannot(v, type);
}

function cannot(v: DwValue, target: string): never {
  return fail(`Cannot coerce ${describe(v)} to ${target}`);
}
