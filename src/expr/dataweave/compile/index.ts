/**
 * The DataWeave compiler: a parsed script becomes a tree of JavaScript closures, once, at load.
 * STUB: the signatures below are the contract the front-end uses; a later change fills them in.
 */
import type { Script } from '../ast.js';
import type { EvalContext } from '../context.js';
import type { FormatProperties } from '../formats/index.js';
import type { DwValue } from '../values/model.js';
import type { FunctionTable } from '../library/define.js';

export interface CompileScriptOptions {
  /** Names the script may read besides its own: `payload`, `vars`, `attributes` …, always bound at run time. */
  readonly bindings: readonly string[];
  /** The functions callable without import (dw::Core, and Mule's); defaults to dw::Core. */
  readonly core?: FunctionTable;
  /** A module's functions by its name (`dw::core::Strings`, `Mule`); defaults to the standard modules. */
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
  void script;
  void options;
  throw new Error('not implemented');
}
