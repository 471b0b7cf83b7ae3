import type { Expr, Key, Pos } from '../ast.js';
import { tick } from '../context.js';
import type { DwValue, Entry } from '../values/model.js';
import { isObject } from '../values/model.js';
import { compileFunction, implicitParams } from './functions.js';
import type { KeyName } from './keys.js';
import { keyName, namespaceOf } from './keys.js';
import { failAt, locate } from './located.js';
import type { Code, Frame, Scope } from './scope.js';
import {
  attributesOf,
  entryOfValue,
  firstEntry,
  selectAll,
  selectDescendants,
  selectEntries,
  selectFilter,
  selectIndex,
  selectKey,
  selectRange,
} from './select.js';

type Compile = (e: Expr, sc: Scope) => Code;
type SelectExpr = Extract<Expr, { kind: 'select' }>;

/** A selector applied to its target (https://docs.mulesoft.com/dataweave/latest/dataweave-selectors). */
export function compileSelect(e: SelectExpr, sc: Scope, compile: Compile): Code {
  const sel = e.sel;
  const at = e.at;
  switch (sel.op) {
    case 'value':
    case 'multi':
    case 'descendants':
    case 'multiDescendants': {
      const t = compile(e.target, sc);
      const { name, ns } = key(sel.key, sc, compile);
      const op = sel.op;
      const apply = (v: DwValue, k: string): DwValue =>
        op === 'value' ? selectKey(v, k, ns) : op === 'multi' ? selectAll(v, k, ns) : selectDescendants(v, k, ns, op === 'multiDescendants');
      if (op === 'value' && typeof name === 'string' && ns === undefined) return guarded((f) => selectKey(t(f), name), at);
      return guarded((f) => apply(t(f), typeof name === 'string' ? name : name(f)), at);
    }
    case 'attribute':
    case 'multiAttribute':
    case 'attributes': {
      const entries = entriesCode(e.target, sc, compile);
      const attr = sel.op === 'attributes' ? undefined : key((sel as { key: Key }).key, sc, compile).name;
      return guarded((f) => attributesOf(entries(f), attr === undefined ? undefined : typeof attr === 'string' ? attr : attr(f)), at);
    }
    case 'namespace': {
      const entries = entriesCode(e.target, sc, compile);
      return (f) => entries(f)[0]?.ns ?? null;
    }
    case 'metadata': {
      const t = compile(e.target, sc);
      return sel.name === undefined ? (f) => (t(f), {}) : (f) => (t(f), null);
    }
    case 'exists':
      return exists(e.target, sc, compile);
    case 'assert':
      return assertPresent(e.target, sc, compile, at);
    case 'index': {
      const t = compile(e.target, sc);
      if (sel.expr.kind === 'range') {
        const a = compile(sel.expr.from, sc);
        const b = compile(sel.expr.to, sc);
        return guarded((f) => selectRange(t(f), a(f), b(f)), at);
      }
      const i = compile(sel.expr, sc);
      return guarded((f) => selectIndex(t(f), i(f)), at);
    }
    case 'filter': {
      const t = compile(e.target, sc);
      const test = compileFunction(undefined, implicitParams(at, 2), sel.expr, sc, compile);
      return guarded(
        (f) =>
          selectFilter(t(f), (item, k) => {
            tick();
            return test.invoke(f, [item, k]);
          }),
        at,
      );
    }
  }
}

function guarded(code: Code, at: Pos): Code {
  return (f) => {
    try {
      return code(f);
    } catch (err) {
      throw locate(err, at);
    }
  };
}

function key(k: Key, sc: Scope, compile: Compile): { name: KeyName; ns: string | undefined } {
  return { name: keyName(k, sc, compile), ns: namespaceOf(k, sc) };
}

/**
 * The entries a selector picked, for `.@` and `.#`, which read the key rather than the value: the
 * target is evaluated up to its last key selector, which then picks entries, not values.
 */
function entriesCode(target: Expr, sc: Scope, compile: Compile): (f: Frame) => readonly Entry[] {
  if (target.kind === 'select' && (target.sel.op === 'value' || target.sel.op === 'multi')) {
    const parent = compile(target.target, sc);
    const { name, ns } = key(target.sel.key, sc, compile);
    const multi = target.sel.op === 'multi';
    return (f) => selectEntries(parent(f), typeof name === 'string' ? name : name(f), ns, multi);
  }
  if (target.kind === 'select' && target.sel.op === 'index' && target.sel.expr.kind !== 'range') {
    const all = entriesCode(target.target, sc, compile);
    const i = compile(target.sel.expr, sc);
    return (f) => {
      const es = all(f);
      const n = Number(i(f));
      const e = es[n < 0 ? n + es.length : n];
      return e ? [e] : [];
    };
  }
  const value = compile(target, sc);
  return (f) => {
    const e = entryOfValue(value(f));
    return e ? [e] : [];
  };
}

/** `x.key?`: whether the key is there (even with a null value); any other `x?`: whether x is not null. */
function exists(target: Expr, sc: Scope, compile: Compile): Code {
  if (target.kind === 'select' && target.sel.op === 'value') {
    const parent = compile(target.target, sc);
    const { name, ns } = key(target.sel.key, sc, compile);
    return (f) => {
      const p = parent(f);
      const k = typeof name === 'string' ? name : name(f);
      if (Array.isArray(p)) return p.some((item) => hasKey(item, k, ns));
      return hasKey(p, k, ns);
    };
  }
  const c = compile(target, sc);
  return (f) => c(f) !== null;
}

function hasKey(v: DwValue, k: string, ns: string | undefined): boolean {
  return isObject(v) && firstEntry(v, k, ns) !== undefined;
}

/** `x.key!`: the value, or DataWeave's error when the key is missing. */
function assertPresent(target: Expr, sc: Scope, compile: Compile, at: Pos): Code {
  const has = exists(target, sc, compile);
  const value = compile(target, sc);
  const name = target.kind === 'select' && target.sel.op === 'value' && typeof target.sel.key.name === 'string' ? target.sel.key.name : undefined;
  return (f) => {
    if (has(f) !== true) failAt(name === undefined ? 'The value is null' : `There is no key named '${name}'`, at);
    return value(f);
  };
}
