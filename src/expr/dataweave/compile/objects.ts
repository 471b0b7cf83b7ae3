import type { ArrayItem, Expr, ObjectPart, Pos } from '../ast.js';
import { tick } from '../context.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { entriesOf, isObject, ObjectBuilder } from '../values/model.js';
import { isNum, isInteger, toDouble } from '../values/numbers.js';
import type { KeyName } from './keys.js';
import { keyName, namespaceOf } from './keys.js';
import { failAt } from './located.js';
import type { Code, Frame, Scope } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;
type AddPart = (f: Frame, b: ObjectBuilder) => void;

const MAX_RANGE = 10_000_000;

/** An object literal: a plain object literal when its keys are fixed, unique and bare; else built part by part (dynamic, conditional, spread, attributed, namespaced). */
export function compileObject(parts: readonly ObjectPart[], sc: Scope, compile: Compile): Code {
  const simple = parts.every((p) => p.kind === 'field' && !p.cond && typeof p.key.name === 'string' && !p.key.ns && !p.key.attrs);
  const keys = simple ? parts.map((p) => (p.kind === 'field' ? (p.key.name as string) : '')) : [];
  if (simple && new Set(keys).size === keys.length && !keys.includes('__proto__')) {
    const values = parts.map((p) => compile(p.value, sc));
    const n = keys.length;
    return (f) => {
      const o: Record<string, DwValue> = {};
      for (let i = 0; i < n; i++) o[keys[i]!] = values[i]!(f);
      return o;
    };
  }
  const adders = parts.map((p) => part(p, sc, compile));
  return (f) => {
    const b = new ObjectBuilder();
    for (const add of adders) add(f, b);
    return b.build();
  };
}

function part(p: ObjectPart, sc: Scope, compile: Compile): AddPart {
  const cond = p.cond ? compile(p.cond, sc) : undefined;
  const add = p.kind === 'spread' ? spread(compile(p.value, sc), p.at) : field(p, sc, compile);
  if (!cond) return add;
  const at = p.at;
  return (f, b) => {
    const c = cond(f);
    if (c === true) add(f, b);
    else if (c !== false) failAt(`The condition of a conditional field must be a Boolean, not ${describe(c)}`, at);
  };
}

function field(p: Extract<ObjectPart, { kind: 'field' }>, sc: Scope, compile: Compile): AddPart {
  const name: KeyName = keyName(p.key, sc, compile);
  const ns = namespaceOf(p.key, sc);
  const prefix = p.key.ns;
  const attrs = p.key.attrs ? attributes(p.key.attrs, sc, compile) : undefined;
  const value = compile(p.value, sc);
  if (ns === undefined && !attrs) return typeof name === 'string' ? (f, b) => b.set(name, value(f)) : (f, b) => b.set(name(f), value(f));
  return (f, b) => {
    const e: Entry = {
      key: typeof name === 'string' ? name : name(f),
      value: value(f),
      ...(ns !== undefined && { ns, prefix }),
      ...(attrs && { attrs: attrs(f) }),
    };
    b.add(e);
  };
}

function attributes(parts: readonly ObjectPart[], sc: Scope, compile: Compile): (f: Frame) => Entry[] {
  const obj = compileObject(parts, sc, compile);
  return (f) => entriesOf(obj(f) as Parameters<typeof entriesOf>[0]).slice();
}

/** `{(x)}`: an object's fields, or those of every object in an array, spliced in. */
function spread(value: Code, at: Pos): AddPart {
  return (f, b) => {
    const v = value(f);
    if (v === null) return;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (isObject(item)) for (const e of entriesOf(item)) b.add(e);
        else if (item !== null) failAt(`Cannot spread ${describe(item)} into an object`, at);
      }
    } else if (isObject(v)) for (const e of entriesOf(v)) b.add(e);
    else failAt(`Cannot spread ${describe(v)} into an object`, at);
  };
}

export function compileArray(items: readonly ArrayItem[], sc: Scope, compile: Compile): Code {
  const codes = items.map((i) => compile(i.value, sc));
  const conds = items.map((i) => (i.cond ? compile(i.cond, sc) : undefined));
  if (conds.every((c) => c === undefined)) {
    const n = codes.length;
    return (f) => {
      const out: DwValue[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = codes[i]!(f);
      return out;
    };
  }
  return (f) => {
    const out: DwValue[] = [];
    for (let i = 0; i < codes.length; i++) if (conds[i] === undefined || conds[i]!(f) === true) out.push(codes[i]!(f));
    return out;
  };
}

/** `a to b`: the integers from a to b, both included, descending when a > b. */
export function compileRange(from: Code, to: Code, at: Pos): Code {
  return (f) => {
    const a = from(f);
    const b = to(f);
    if (!isNum(a) || !isNum(b) || !isInteger(a) || !isInteger(b)) return failAt(`A range needs integers, not ${describe(a)} to ${describe(b)}`, at);
    return range(toDouble(a), toDouble(b));
  };
}

function range(a: number, b: number): DwValue[] {
  const n = Math.abs(b - a) + 1;
  if (n > MAX_RANGE) fail(`The range ${a} to ${b} has more than ${MAX_RANGE} items`);
  const step = a <= b ? 1 : -1;
  const out: DwValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    tick();
    out[i] = a + i * step;
  }
  return out;
}
