import type { EvalContext } from '../../../../src/expr/dataweave/context.js';
import type { CompiledScript } from '../../../../src/expr/dataweave/compile/index.js';
import { compileScript } from '../../../../src/expr/dataweave/compile/index.js';
import type { FunctionTable } from '../../../../src/expr/dataweave/library/define.js';
import { defineFunction, overload } from '../../../../src/expr/dataweave/library/define.js';
import { parseDataWeave } from '../../../../src/expr/dataweave/parser.js';
import type { DwFunction, DwObjectLike, DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { entriesOf, makeObject } from '../../../../src/expr/dataweave/values/model.js';
import type { Num } from '../../../../src/expr/dataweave/values/numbers.js';
import { add } from '../../../../src/expr/dataweave/values/numbers.js';

/** A small dw::Core for the compiler's tests (the real one is the library's). */
export const CORE: FunctionTable = {
  sizeOf: defineFunction('sizeOf', [overload('Array', (a: DwValue[]) => a.length), overload('String', (s: string) => s.length)]),
  upper: defineFunction('upper', [overload('String', (s: string) => s.toUpperCase()), overload('Null', () => null)]),
  map: defineFunction('map', [
    overload('Array, Function', (a: DwValue[], fn: DwFunction) => a.map((x, i) => fn(x, i))),
    overload('Null, Function', () => null),
  ]),
  filter: defineFunction('filter', [overload('Array, Function', (a: DwValue[], fn: DwFunction) => a.filter((x, i) => fn(x, i) === true))]),
  reduce: defineFunction('reduce', [
    overload('Array, Function', (a: DwValue[], fn: DwFunction) => (a.length === 0 ? null : a.slice(1).reduce((acc, x) => fn(x, acc), a[0]!))),
  ]),
  mapObject: defineFunction('mapObject', [
    overload('Object, Function', (o: DwObjectLike, fn: DwFunction) =>
      makeObject(entriesOf(o).flatMap((e, i) => entriesOf(fn(e.value, e.key, i) as DwObjectLike))),
    ),
  ]),
  sum: defineFunction('sum', [overload('Array', (a: Num[]) => a.reduce<Num>((s, x) => add(s, x), 0))]),
  '++': defineFunction('++', [
    overload('Array, Array', (a: DwValue[], b: DwValue[]) => [...a, ...b]),
    overload('String, String', (a: string, b: string) => a + b),
    overload('Object, Object', (a: DwObjectLike, b: DwObjectLike) => makeObject([...entriesOf(a), ...entriesOf(b)])),
  ]),
  contains: defineFunction('contains', [overload('String, String', (a: string, b: string) => a.includes(b))]),
};

export const MODULES: Record<string, FunctionTable> = {
  'dw::core::Strings': {
    capitalize: defineFunction('capitalize', [overload('String', (s: string) => s.charAt(0).toUpperCase() + s.slice(1))]),
    camelize: defineFunction('camelize', [overload('String', (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()))]),
  },
};

export function context(bindings: Record<string, DwValue> = {}): EvalContext {
  return {
    bindings,
    property: () => undefined,
    lookup: () => null,
    readResource: () => undefined,
    log: () => undefined,
    deadline: Date.now() + 60_000,
    maxDepth: 200,
  };
}

export function load(src: string, bindings: readonly string[] = ['payload', 'vars', 'attributes']): CompiledScript {
  return compileScript(parseDataWeave(src), { bindings, core: CORE, modules: (name) => MODULES[name] });
}

/** Parses, compiles and runs a script (or a bare expression) with these bindings. */
export function run(src: string, bindings: Record<string, DwValue> = {}): DwValue {
  return load(src, ['payload', 'vars', 'attributes', ...Object.keys(bindings)]).run(context(bindings));
}
