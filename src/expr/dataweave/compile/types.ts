import type { TypeExpr } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import { equals } from '../values/compare.js';
import type { DwValue, TypeName } from '../values/model.js';
import { entriesOf, isObject, typeOf } from '../values/model.js';
import { parseNumber } from '../values/numbers.js';
import type { Scope } from './scope.js';

/** The types a name accepts (https://docs.mulesoft.com/dataweave/latest/dataweave-type-system). */
const GROUPS: Record<string, readonly TypeName[]> = {
  SimpleType: ['String', 'Number', 'Boolean', 'Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time', 'TimeZone', 'Period', 'Regex'],
  Comparable: ['String', 'Number', 'Boolean', 'Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time', 'TimeZone'],
  Temporal: ['Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time'],
  Key: ['String'],
  Uri: ['String'],
  CData: ['String'],
  Range: ['Array'],
};
const BASE = new Set<string>([
  'Null',
  'Boolean',
  'Number',
  'String',
  'Array',
  'Object',
  'Date',
  'DateTime',
  'LocalDateTime',
  'LocalTime',
  'Time',
  'TimeZone',
  'Period',
  'Regex',
  'Binary',
  'Function',
]);

export type TypeTest = (v: DwValue) => boolean;

/** `v is T` as a test, built at compile time; a `type` alias resolves through the scope (lazily, so aliases may recurse). */
export function typeTest(t: TypeExpr, sc: Scope): TypeTest {
  switch (t.kind) {
    case 'named':
      return named(t, sc);
    case 'objectType': {
      const fields = t.fields.map((f) => ({ key: f.key, optional: f.optional, test: typeTest(f.type, sc) }));
      return (v) => {
        if (!isObject(v)) return false;
        const entries = entriesOf(v);
        return fields.every((f) => {
          const e = entries.find((x) => x.key === f.key);
          return e ? f.test(e.value) : f.optional;
        });
      };
    }
    case 'functionType':
      return (v) => typeof v === 'function';
    case 'literalType': {
      const lit = literal(t.value);
      return (v) => equals(v, lit);
    }
    case 'union': {
      const tests = t.types.map((x) => typeTest(x, sc));
      return (v) => tests.some((x) => x(v));
    }
    case 'intersection': {
      const tests = t.types.map((x) => typeTest(x, sc));
      return (v) => tests.every((x) => x(v));
    }
  }
}

function named(t: Extract<TypeExpr, { kind: 'named' }>, sc: Scope): TypeTest {
  const name = t.name;
  if (name === 'Any') return () => true;
  if (name === 'Nothing') return () => false;
  if (name === 'Array' && t.args.length === 1) {
    const item = typeTest(t.args[0]!, sc);
    return (v) => Array.isArray(v) && v.every(item);
  }
  if (BASE.has(name)) return (v) => typeOf(v) === name;
  const group = GROUPS[name];
  if (group) return (v) => group.includes(typeOf(v));
  const alias = sc.type(name);
  if (!alias) throw new DataWeaveCompileError(`Unable to resolve type: ${name}`, t.at);
  let test: TypeTest | undefined;
  return (v) => (test ??= typeTest(alias, sc))(v);
}

/** The base type a type expression coerces to (`as`): an alias is followed to what it names. */
export function baseType(t: TypeExpr, sc: Scope, seen = new Set<string>()): TypeExpr {
  if (t.kind !== 'named' || BASE.has(t.name) || GROUPS[t.name] || t.name === 'Any' || seen.has(t.name)) return t;
  const alias = sc.type(t.name);
  if (!alias) throw new DataWeaveCompileError(`Unable to resolve type: ${t.name}`, t.at);
  seen.add(t.name);
  return baseType(alias, sc, seen);
}

function literal(e: Extract<TypeExpr, { kind: 'literalType' }>['value']): DwValue {
  switch (e.kind) {
    case 'string':
      return e.value;
    case 'boolean':
      return e.value;
    case 'number':
      return parseNumber(e.text) ?? null;
    case 'unary':
      return e.operand.kind === 'number' ? -(Number(e.operand.text) || 0) : null;
    default:
      return null;
  }
}
