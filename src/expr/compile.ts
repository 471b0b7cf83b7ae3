import jsonata from 'jsonata';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error, warning } from '../errors/diagnostic.js';
import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { SourceLocation } from '../model/location.js';
import { advanceLocation, formatLocation } from '../model/location.js';
import { dataWeaveHints, dataWeaveLine, plainNameCalls } from './dataweave.js';
import type { DataWeaveHost } from './dataweave/host.js';
import { parseDataWeave } from './dataweave/parser.js';
import { rewriteKeySelectors } from './selectors.js';
import type { LibraryFunction } from './functions.js';
import type { CompiledExpression, ExpressionLanguage, ExpressionLimits } from './contract.js';
import { DEFAULT_LIMITS, abbreviate } from './contract.js';
import type { EventLike } from './scope.js';
import { SCOPE_NAMES, scopeOf } from './scope.js';
import type { AstNode } from './ast.js';
import { variablesOf, walkAst } from './ast.js';
import { parseJsonataAst } from './jsonata/parse/index.js';
import type { CompiledJsonata, RegexEngine } from './jsonata/compile/index.js';
import { compileJsonata, StepAside, Unsupported } from './jsonata/compile/index.js';
import { LinearRegExp, backtrackingReason } from './linear-regex.js';
import { sliceEvaluations } from './slicing.js';
import { SLICE_MS } from '../util/fair-share.js';
import { STRING_FUNCTIONS } from './string-functions.js';

export type { CompiledExpression, ExpressionLanguage, ExpressionLimits } from './contract.js';
export { DEFAULT_LIMITS } from './contract.js';

export interface CompileOptions {
  readonly library: readonly LibraryFunction[];
  readonly limits?: ExpressionLimits;
  /** JSONata unless the app says otherwise; a script with a `%dw` header is DataWeave either way. */
  readonly language?: ExpressionLanguage;
  /** What DataWeave scripts reach of the app (properties, files, flows); absent, they see none. */
  readonly dataweave?: DataWeaveHost;
}

/**
 * Compiles `source` (the text inside `#[…]`, or a whole script) located at `loc`. A syntax
 * error comes back as a diagnostic pointing at the offending character.
 */
type DataWeaveCompiler = (source: string, loc: SourceLocation, limits: ExpressionLimits, host: DataWeaveHost) => CompiledExpression | Diagnostic;
let compileDataWeave: DataWeaveCompiler | undefined;

/**
 * Loads the DataWeave front-end, once. It is a third of a second of imports (js-joda's time
 * zones, the library, the formats) that an app in JSONata never needs, so commands import it only
 * for an app that may hold DataWeave (loadApp decides), keeping the CLI's start fast.
 */
export async function loadDataWeave(): Promise<void> {
  compileDataWeave ??= (await import('./dataweave/expression.js')).compileDataWeave;
}

export function compileExpression(source: string, loc: SourceLocation, options: CompileOptions): CompiledExpression | Diagnostic {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (options.language === 'dataweave' || dataWeaveLine(source) >= 0) {
    if (!compileDataWeave)
      return error('dataweave-compile', 'DataWeave is not loaded here: flowrt loads it for an app that holds DataWeave (loadDataWeave)', loc);
    const compiled = compileDataWeave(source, loc, limits, options.dataweave ?? NO_HOST);
    // JSONata in a DataWeave app: a syntax error, or `$name(…)` read as `$` and an unknown name.
    if ('code' in compiled && options.language === 'dataweave' && jsonataLike(compiled.code, source) && parsesAsJsonata(source)) {
      const hint = `this reads as JSONata, but the app's expressions are DataWeave; to write JSONata, set "expressions": "jsonata" in flowrt-app.json`;
      return { ...compiled, hint: compiled.hint ? `${compiled.hint}; ${hint}` : hint };
    }
    return compiled;
  }
  const text = rewriteKeySelectors(source);
  // flowrt's parser builds the library's tree without the library's per-parse cost; on a syntax
  // error (or what it leaves to the library) the library parses, for its exact diagnostic.
  let parsed: jsonata.Expression | undefined;
  let ast = parseJsonataAst(text);
  if (!ast) {
    try {
      parsed = parseJsonata(text, limits);
    } catch (e) {
      const err = e as { message?: string; position?: number; token?: unknown };
      const at = typeof err.position === 'number' ? advanceLocation(loc, source, tokenStart(source, err.position, err.token)) : loc;
      return error('expression-syntax', `invalid expression: ${err.message ?? String(e)}`, at, languageHint(source));
    }
    ast = parsed.ast() as AstNode;
  }
  const call = plainNameCalls(ast)[0];
  if (call) {
    const at = advanceLocation(loc, source, Math.max(0, call.position - call.name.length - 1));
    return error('expression-call', `${call.name}(…) calls a field, not a function: it would fail on every event`, at, call.hint);
  }
  // The library runs what the compiler leaves to it: it parses, and its functions are registered, the first time it does.
  let library: jsonata.Expression | undefined;
  const libraryExpr = (): jsonata.Expression => {
    if (!library) {
      const expr = prepare(parsed ?? parseJsonata(text, limits));
      for (const fn of options.library) expr.registerFunction(fn.name, fn.impl as (...args: unknown[]) => unknown, fn.signature);
      library = expr;
    }
    return library;
  };
  const warnings = backtrackingWarnings(ast, source, loc);
  // Binding $payload, $vars … costs a frame per evaluation: only expressions that read them pay it.
  const usesBindings = [...variablesOf(ast)].some((name) => SCOPE_NAMES.has(name));
  const where = formatLocation(loc);
  let compiled = compiledJsonata(ast, options.library, limits);
  return {
    source,
    loc,
    warnings,
    async evaluate(event: EventLike): Promise<unknown> {
      const scope = scopeOf(event);
      const bindings = usesBindings ? scope.bindings : undefined;
      try {
        if (compiled) {
          try {
            return clean(compiled.evaluate(scope.input, bindings));
          } catch (e) {
            // A long evaluation: the library runs it again, in slices, letting other requests through.
            if (e instanceof StepAside) return clean(await libraryExpr().evaluate(scope.input, bindings));
            if (!(e instanceof Unsupported)) throw e;
            // A host function answered a promise: the library awaits it, from now on.
            compiled = undefined;
          }
        }
        return clean(await libraryExpr().evaluate(scope.input, bindings));
      } catch (e) {
        if (e instanceof FlowError) throw e;
        const message = (e as { message?: string }).message ?? String(e);
        // Mule's description; where the expression is written stays in the detailed one and the logs.
        const description = `${message} evaluating expression: "${abbreviate(source)}".`;
        throw new FlowError(MULE.EXPRESSION, description, { cause: e, detailedDescription: `${description}\n  at ${where}` });
      }
    },
  };
}

/**
 * A JSONata expression as flowrt runs every one: regex literals match in linear time
 * (linear-regex.ts), long evaluations step aside between slices (slicing.ts), `$length`,
 * `$substring` and `$pad` run at native speed (string-functions.ts), and the limits hold. Throws JSONata's syntax errors.
 */
export function newJsonata(source: string, limits: ExpressionLimits = DEFAULT_LIMITS): jsonata.Expression {
  return prepare(parseJsonata(source, limits));
}

/** The expression parsed, with flowrt's limits and regex engine; not yet ready to evaluate (see {@link prepare}). */
function parseJsonata(source: string, limits: ExpressionLimits): jsonata.Expression {
  return jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth, RegexEngine: LinearRegExp as unknown as RegExpConstructor });
}

/**
 * Slicing and the native string functions on a parsed expression. Done only for the library's
 * evaluations: registering parses each function's signature, a cost most compiled expressions
 * never need to pay at start.
 */
function prepare(expr: jsonata.Expression): jsonata.Expression {
  sliceEvaluations(expr);
  for (const fn of STRING_FUNCTIONS) expr.registerFunction(fn.name, fn.impl as (...args: unknown[]) => unknown, fn.signature);
  return expr;
}

/**
 * The expression compiled to synchronous closures (jsonata/compile/), or undefined when it uses
 * what the compiler does not cover (a built-in not yet in BUILTINS, `$eval` …): the library then
 * evaluates it, as it evaluates every expression's syntax. A compiled evaluation cannot pause, so
 * one that runs past a slice (SLICE_MS) steps aside and the library, which pauses, runs it.
 */
function compiledJsonata(ast: AstNode, library: readonly LibraryFunction[], limits: ExpressionLimits): CompiledJsonata | undefined {
  const compiled = compileJsonata(ast, {
    functions: [...STRING_FUNCTIONS, ...library],
    regex: LinearRegExp as unknown as RegexEngine,
    timeoutMs: limits.timeoutMs,
    maxDepth: limits.maxDepth,
    sliceMs: SLICE_MS,
  });
  return compiled instanceof Unsupported ? undefined : compiled;
}

/** A JSONata expression that does not parse but is DataWeave: name the setting that runs it as written. */
function languageHint(source: string): string | undefined {
  const porting = dataWeaveHints(source);
  try {
    parseDataWeave(source);
  } catch {
    return porting;
  }
  const run = 'this is DataWeave; to run it as written, set "expressions": "dataweave" in flowrt-app.json (Mule projects in src/main/mule default to it)';
  return porting ? `${run}; or port it: ${porting.replace(/^this looks like DataWeave; /, '')}` : run;
}

function jsonataLike(code: string, source: string): boolean {
  return code === 'dataweave-syntax' || (code === 'dataweave-compile' && /\$[A-Za-z_]\w*\s*\(/.test(source));
}

function parsesAsJsonata(source: string): boolean {
  try {
    jsonata(source);
    return true;
  } catch {
    return false;
  }
}

/** The host of a DataWeave script compiled outside an app (tests, tools): no properties, files or flows. */
const NO_HOST: DataWeaveHost = {
  property: () => undefined,
  readResource: () => undefined,
  lookup: (flowName) => Promise.reject(new FlowError(MULE.EXPRESSION, `lookup('${flowName}'): no flows here`)),
  log: () => undefined,
};

/** A warning for each regex literal that must run on a backtracking engine. */
function backtrackingWarnings(ast: unknown, source: string, loc: SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkAst(ast, (node) => {
    if (node.type !== 'regex' || !(node.value instanceof RegExp)) return;
    const why = backtrackingReason(node.value);
    if (!why) return;
    const written = source.indexOf(`/${node.value.source}/`);
    const at = written >= 0 ? advanceLocation(loc, source, written) : loc;
    out.push(
      warning(
        'backtracking-regex',
        `/${node.value.source}/ runs on a backtracking engine: ${why}`,
        at,
        'a hostile input can then hold every request for as long as it matches; rewrite it without lookaround, backreferences or multiline anchors to run in linear time',
      ),
    );
  });
  return out;
}

/** JSONata marks result arrays as sequences; hand plain arrays to the rest of the runtime. */
function clean(value: unknown): unknown {
  if (Array.isArray(value) && (value as { sequence?: boolean }).sequence) return Array.from(value);
  return value;
}

/** JSONata reports the offset just past the offending token; a string token's text lacks its quotes. */
function tokenStart(source: string, position: number, token: unknown): number {
  const last = source[position - 1];
  if (last === '"' || last === "'") return Math.max(0, source.lastIndexOf(last, position - 2));
  const width = typeof token === 'string' && token.length > 0 ? token.length : 1;
  return Math.max(0, position - width);
}
