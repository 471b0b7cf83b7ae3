import type { Directive, Expr, Param } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import type { FunctionTable } from '../library/define.js';
import type { DwValue } from '../values/model.js';
import type { CompiledFunction } from './functions.js';
import { compileFunction, functionValue, overloadedValue } from './functions.js';
import { moduleByName } from './names.js';
import type { Code, Frame, Scope } from './scope.js';
import { unknown } from './scope.js';
import { typeTest } from './types.js';
import { failAt } from './located.js';
import { late } from './late.js';
import { describe } from '../values/describe.js';

type Compile = (e: Expr, sc: Scope) => Code;
type FunDirective = Extract<Directive, { kind: 'fun' }>;

/** Fills the slots a header declares, in a frame: functions first (so vars and each other may call them), then vars in order. */
export type Init = (f: Frame) => void;

/**
 * Declares a header's names in `sc` (a script's or a do-block's) and compiles what fills them.
 * `fun`s of one name are one overloaded function; `var`s see the vars above them.
 */
export function compileHeader(header: readonly Directive[], sc: Scope, compile: Compile): Init[] {
  for (const d of header) {
    if (d.kind === 'ns') sc.namespaces.set(d.prefix, d.uri);
    else if (d.kind === 'type') sc.types.set(d.name, d.typeParams.length ? { kind: 'named', at: d.at, name: 'Any', args: [] } : d.type);
    else if (d.kind === 'import') importModule(d, sc);
  }
  const inits: Init[] = [];
  const funs = new Map<string, FunDirective[]>();
  for (const d of header) if (d.kind === 'fun') funs.set(d.name, [...(funs.get(d.name) ?? []), d]);
  // Every name is declared before any body is compiled: funs call each other and read vars.
  const declaredFuns = [...funs].map(([name, ds]) => {
    const binding = sc.declare(name, { params: functionParams(ds), arity: [Math.min(...ds.map(required)), Math.max(...ds.map((d) => d.params.length))] });
    return { name, ds, index: binding.index, binding };
  });
  const vars = header.flatMap((d) => (d.kind === 'var' ? [{ d, index: sc.declare(d.name).index }] : []));
  for (const { name, ds, index, binding } of declaredFuns) {
    const self = ds.length === 1 ? binding : undefined;
    const compiled: CompiledFunction[] = ds.map((d) => compileFunction(name, d.params, d.body, sc.generic(d.typeParams, d.at), compile, self));
    inits.push(
      compiled.length === 1 ? (f) => void (f.s[index] = functionValue(compiled[0]!, f)) : (f) => void (f.s[index] = overloadedValue(name, compiled, f)),
    );
  }
  for (const { d, index } of vars) {
    const value = compile(d.value, sc);
    const test = d.type ? typeTest(d.type, sc) : undefined;
    const { at, name } = d;
    inits.push((f) => {
      const v: DwValue = value(f);
      if (test && !test(v)) failAt(`The value of var '${name}' does not have its declared type: ${describe(v)}`, at);
      f.s[index] = v;
    });
  }
  return inits;
}

/** Per position, a function-typed parameter of any overload (so `$` arguments there become lambdas). */
function functionParams(ds: readonly FunDirective[]): Array<Pick<Param, 'type'>> {
  const params: Array<Pick<Param, 'type'>> = [];
  for (const d of ds) d.params.forEach((p, i) => (params[i] = params[i]?.type?.kind === 'functionType' ? params[i]! : p));
  return params;
}

function required(d: FunDirective): number {
  let n = d.params.length;
  while (n > 0 && d.params[n - 1]!.default) n--;
  return n;
}

function importModule(d: Extract<Directive, { kind: 'import' }>, sc: Scope): void {
  const table = moduleByName(d.module, sc);
  if (!table)
    throw new DataWeaveCompileError(
      `Unable to resolve module with identifier ${d.module}`,
      d.at,
      "flowrt provides the standard modules (dw::core::…, dw::Runtime …) and the app's own: modules::Common is modules/Common.dwl in the app folder or src/main/resources",
    );
  if (d.names === undefined) {
    sc.modules.set(d.alias ?? d.module.slice(d.module.lastIndexOf('::') + 2), table);
    sc.modules.set(d.module, table);
  } else if (d.names === '*') {
    for (const [name, fn] of Object.entries(table)) sc.constant(name, fn);
  } else {
    for (const n of d.names) importName(table, n.name, n.alias ?? n.name, d, sc);
  }
}

function importName(table: FunctionTable, name: string, as: string, d: Extract<Directive, { kind: 'import' }>, sc: Scope): void {
  if (!Object.prototype.hasOwnProperty.call(table, name)) throw unknown(`not in ${d.module}`, name, d.at, Object.keys(table));
  sc.constant(as, table[name]!);
}

late.compileHeader = compileHeader;
