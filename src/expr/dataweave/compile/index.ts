/**
 * The DataWeave compiler: a parsed script becomes a tree of JavaScript closures, once, at load.
 * Names are resolved to frame slots here, so a run only evaluates closures.
 */
import type { Script, WriterProperty } from '../ast.js';
import type { EvalContext } from '../context.js';
import { BudgetExceeded, withContext } from '../context.js';
import { DataWeaveCompileError } from '../errors.js';
import type { FormatProperties } from '../formats/index.js';
import type { FunctionTable } from '../library/define.js';
import { coreFunctions, moduleFunctions } from '../library/registry.js';
import type { DwValue } from '../values/model.js';
import { compile } from './expr.js';
import { compileHeader } from './header.js';
import { locate } from './located.js';
import { FnScope, Frame, Scope } from './scope.js';

export interface CompileScriptOptions {
  /** Names the script may read besides its own: `payload`, `vars`, `attributes` …, always bound at run time. */
  readonly bindings: readonly string[];
  /** dw::Core; the library's by default (tests pass their own). */
  readonly core?: FunctionTable;
  /** The modules `import` can name (`dw::core::Strings` …); the library's by default. */
  readonly modules?: (name: string) => FunctionTable | undefined;
}

export interface CompiledScript {
  /** The `output` directive: its MIME type (`application/json` …) and writer properties, evaluated at load; undefined when the script has none. */
  readonly output?: { readonly mimeType: string; readonly properties: FormatProperties };
  /** `input` directives: a binding's MIME type and reader properties (`input payload application/csv separator=";"`). */
  readonly inputs: Readonly<Record<string, { readonly mimeType: string; readonly properties: FormatProperties }>>;
  /** Evaluates the body (header `var`s first) with `ctx` as the current context. Throws DataWeaveEvaluationError (its `at` set). */
  run(ctx: EvalContext): DwValue;
}

/** Compiles a parsed script. Throws DataWeaveCompileError for what cannot run (unknown names, modules …). */
export function compileScript(script: Script, options: CompileScriptOptions): CompiledScript {
  const lib = { core: options.core ?? coreFunctions(), modules: options.modules ?? moduleFunctions };
  const fn = new FnScope(undefined);
  const sc = new Scope(undefined, fn, lib);
  const inputs: Record<string, { mimeType: string; properties: FormatProperties }> = {};
  const names = [...new Set([...options.bindings, ...script.header.flatMap((d) => (d.kind === 'input' ? [d.name] : []))])];
  const bindingSlots = names.map((name) => ({ name, index: sc.declare(name).index }));
  let output: CompiledScript['output'];
  for (const d of script.header) {
    if (d.kind === 'output') output = { mimeType: d.mime, properties: writerProperties(d.props, sc) };
    if (d.kind === 'input') inputs[d.name] = { mimeType: d.mime, properties: writerProperties(d.props, sc) };
  }
  const inits = compileHeader(script.header, sc, compile);
  const body = compile(script.body, sc);
  const at = script.body.at;
  return {
    ...(output && { output }),
    inputs,
    run(ctx) {
      return withContext(ctx, () => {
        const s: DwValue[] = new Array(fn.size);
        for (const b of bindingSlots) s[b.index] = ctx.bindings[b.name] ?? null;
        const f = new Frame(undefined, s);
        try {
          for (const init of inits) init(f);
          return body(f);
        } catch (e) {
          // JavaScript's own stack can run out first on deeply nested data; it is the same failure as DataWeave's depth limit.
          if (e instanceof RangeError && /call stack/i.test(e.message)) throw new BudgetExceeded('Stack overflow: the script or its data nests too deeply', at);
          throw locate(e, at);
        }
      });
    },
  };
}

/** Writer and reader properties are literals; they are evaluated once, at load. */
function writerProperties(props: readonly WriterProperty[], sc: Scope): FormatProperties {
  const out: Record<string, DwValue> = {};
  const f = new Frame(undefined, []);
  for (const p of props) {
    try {
      out[p.name] = compile(p.value, sc)(f);
    } catch (e) {
      throw new DataWeaveCompileError(`The property ${p.name} must be a literal value (${(e as Error).message})`, p.value.at);
    }
  }
  return out;
}
