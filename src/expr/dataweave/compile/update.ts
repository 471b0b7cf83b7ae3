import type { Expr, Param, UpdateCase } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import type { DwValue, Entry } from '../values/model.js';
import { entriesOf, isObject, makeObject } from '../values/model.js';
import { isNum, toDouble } from '../values/numbers.js';
import { compileFunction } from './functions.js';
import type { KeyName } from './keys.js';
import { keyName, namespaceOf } from './keys.js';
import type { Code, Frame, Scope } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** One step of an update path; `create` when written with `!` (the step is added when missing). */
type Step =
  | { readonly op: 'key'; readonly name: KeyName; readonly ns: string | undefined; readonly multi: boolean; create: boolean }
  | { readonly op: 'attr'; readonly name: KeyName; create: boolean }
  | { readonly op: 'index'; readonly index: Code; create: boolean };

type Leaf = (v: DwValue) => DwValue;

/**
 * `v update { case .a.b -> … }` (https://docs.mulesoft.com/dataweave/latest/dw-operators#update-operator):
 * each case rewrites the value at its path, in order, leaving the rest as it was.
 */
export function compileUpdate(e: Extract<Expr, { kind: 'update' }>, sc: Scope, compile: Compile): Code {
  const value = compile(e.value, sc);
  const cases = e.cases.map((c) => compileCase(c, sc, compile));
  return (f) => {
    let v = value(f);
    for (const c of cases) v = c(f, v);
    return v;
  };
}

function compileCase(c: UpdateCase, sc: Scope, compile: Compile): (f: Frame, v: DwValue) => DwValue {
  const steps = pathSteps(c.path, sc, compile);
  const params: Param[] = [{ at: c.at, name: '$' }, ...(c.bind !== undefined ? [{ at: c.at, name: c.bind }] : [])];
  const body = compileFunction(undefined, params, c.body, sc, compile);
  const guard = c.guard ? compileFunction(undefined, params, c.guard, sc, compile) : undefined;
  return (f, v) => {
    const leaf: Leaf = (x) => (guard && guard.invoke(f, [x, x]) !== true ? x : body.invoke(f, [x, x]));
    return updateAt(v, steps, 0, leaf, f);
  };
}

function pathSteps(path: Expr, sc: Scope, compile: Compile): Step[] {
  if (path.kind === 'updated') return [];
  if (path.kind !== 'select') throw new DataWeaveCompileError('An update case needs a selector path (.name, [0], .@attr …)', path.at);
  const steps = pathSteps(path.target, sc, compile);
  const s = path.sel;
  switch (s.op) {
    case 'value':
    case 'multi':
      steps.push({ op: 'key', name: keyName(s.key, sc, compile), ns: namespaceOf(s.key, sc), multi: s.op === 'multi', create: false });
      break;
    case 'attribute':
      steps.push({ op: 'attr', name: keyName(s.key, sc, compile), create: false });
      break;
    case 'index':
      steps.push({ op: 'index', index: compile(s.expr, sc), create: false });
      break;
    case 'assert':
      // What leads to a key created with `!` is created too (`.a.b!` on {} gives {a: {b: …}}).
      for (const step of steps) step.create = true;
      break;
    default:
      throw new DataWeaveCompileError(`This selector cannot be used in an update case (${s.op})`, path.at);
  }
  return steps;
}

function updateAt(v: DwValue, steps: readonly Step[], i: number, leaf: Leaf, f: Frame): DwValue {
  if (i === steps.length) return leaf(v);
  const step = steps[i]!;
  if (step.op === 'index') return updateIndex(v, step, steps, i, leaf, f);
  if (step.op === 'attr') return v;
  if (Array.isArray(v)) return v.map((item) => updateAt(item, steps, i, leaf, f));
  const key = typeof step.name === 'string' ? step.name : step.name(f);
  if (v === null) return step.create ? makeObject([entryAt({ key }, steps, i, leaf, f)]) : v;
  if (!isObject(v)) return v;
  let found = false;
  const out: Entry[] = entriesOf(v).map((e) => {
    if (e.key !== key || (step.ns !== undefined && e.ns !== step.ns) || (found && !step.multi)) return e;
    found = true;
    return entryAt(e, steps, i, leaf, f);
  });
  if (!found && step.create) out.push(entryAt({ key, ...(step.ns !== undefined && { ns: step.ns }) }, steps, i, leaf, f));
  return makeObject(out);
}

/** The entry `e` (or a new one) after the path below it is updated; a following `.@attr` step rewrites the key's attribute. */
function entryAt(e: Omit<Entry, 'value'> & { value?: DwValue }, steps: readonly Step[], i: number, leaf: Leaf, f: Frame): Entry {
  const next = steps[i + 1];
  if (next?.op === 'attr') {
    const name = typeof next.name === 'string' ? next.name : next.name(f);
    const attrs = (e.attrs ?? []).slice();
    const at = attrs.findIndex((a) => a.key === name);
    if (at >= 0) attrs[at] = { ...attrs[at]!, value: updateAt(attrs[at]!.value, steps, i + 2, leaf, f) };
    else if (next.create) attrs.push({ key: name, value: updateAt(null, steps, i + 2, leaf, f) });
    return { ...e, value: e.value ?? null, attrs };
  }
  return { ...e, value: updateAt(e.value ?? null, steps, i + 1, leaf, f) };
}

function updateIndex(v: DwValue, step: Extract<Step, { op: 'index' }>, steps: readonly Step[], i: number, leaf: Leaf, f: Frame): DwValue {
  const raw = step.index(f);
  if (typeof raw === 'string')
    return updateAt(v, [...steps.slice(0, i), { op: 'key', name: raw, ns: undefined, multi: false, create: step.create }, ...steps.slice(i + 1)], i, leaf, f);
  if (!isNum(raw)) return v;
  let n = Math.trunc(toDouble(raw));
  if (Array.isArray(v)) {
    if (n < 0) n += v.length;
    if (n < 0 || n >= v.length) return v;
    const out = v.slice();
    out[n] = updateAt(v[n]!, steps, i + 1, leaf, f);
    return out;
  }
  if (isObject(v)) {
    const entries = entriesOf(v);
    if (n < 0) n += entries.length;
    if (n < 0 || n >= entries.length) return v;
    return makeObject(entries.map((e, j) => (j === n ? { ...e, value: updateAt(e.value, steps, i + 1, leaf, f) } : e)));
  }
  return v;
}
