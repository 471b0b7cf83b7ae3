import type { Diagnostic } from '../../errors/diagnostic.js';
import { error } from '../../errors/diagnostic.js';
import { MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { SourceLocation } from '../../model/location.js';
import { advanceLocation, formatLocation } from '../../model/location.js';
import type { CompiledExpression, ExpressionLimits } from '../contract.js';
import { abbreviate } from '../contract.js';
import type { EventLike } from '../scope.js';
import type { Pos } from './ast.js';
import { MULE_BINDINGS, bindingsOf } from './bindings.js';
import { compileScript } from './compile/index.js';
import type { CompiledScript } from './compile/index.js';
import type { EvalContext } from './context.js';
import { LookupNeeded, withContext } from './context.js';
import { DataWeaveCompileError, DataWeaveSyntaxError } from './errors.js';
import { isKnownFormat } from './formats/index.js';
import type { DataWeaveHost } from './host.js';
import { MULE_FUNCTIONS } from './mule-functions.js';
import { appModule } from './app-modules.js';
import type { FunctionTable } from './library/define.js';
import { coreFunctions, moduleFunctions } from './library/registry.js';
import { outputMediaType, settledOutput, toRuntime } from './output.js';
import { parseDataWeave } from './parser.js';
import { DataWeaveEvaluationError } from './values/eval-error.js';
import type { DwValue } from './values/model.js';

/** dw::Core and Mule's functions (`p`, `lookup` …), callable without import, as in Mule. */
const WITH_MULE: FunctionTable = { ...coreFunctions(), ...MULE_FUNCTIONS };

/** The standard modules, Mule's own as `dw::Mule` (`Mule::p`), and the app's `.dwl` modules. */
function modulesOf(host: DataWeaveHost, limits: ExpressionLimits): (name: string) => FunctionTable | undefined {
  const modules = (name: string): FunctionTable | undefined => {
    if (name === 'Mule' || name === 'dw::Mule') return MULE_FUNCTIONS;
    return moduleFunctions(name) ?? appModule(name, host, limits, { core: WITH_MULE, modules });
  };
  return modules;
}

/** How many flows one evaluation may `lookup` before it is taken for a loop. */
const MAX_LOOKUPS = 64;

/**
 * A DataWeave script (or inline `#[…]` expression) compiled once, at load, into the interface
 * every flowrt expression has: steps, policies and the error model do not know which language
 * they run. Syntax and name errors are load errors at the script's place in the XML file; what
 * fails at run time is MULE:EXPRESSION in DataWeave's words, naming where in the script.
 */
export function compileDataWeave(source: string, loc: SourceLocation, limits: ExpressionLimits, host: DataWeaveHost): CompiledExpression | Diagnostic {
  let script: CompiledScript;
  try {
    script = compileScript(parseDataWeave(source), { bindings: MULE_BINDINGS, core: WITH_MULE, modules: modulesOf(host, limits) });
  } catch (e) {
    if (e instanceof DataWeaveSyntaxError) return error('dataweave-syntax', e.message, locate(loc, source, e));
    if (e instanceof DataWeaveCompileError) return error('dataweave-compile', e.message, locate(loc, source, e), e.hint);
    // Anything else is flowrt's own failure: the app is refused with it, never brought down.
    return error('dataweave-compile', `this script cannot be compiled: ${e instanceof Error ? e.message : String(e)}`, loc);
  }
  const output = settledOutput(script.output);
  for (const mime of [output?.mimeType, ...Object.values(script.inputs).map((i) => i.mimeType)]) {
    if (mime !== undefined && !isKnownFormat(mime)) {
      return error('dataweave-format', `Unknown content type ${mime}`, loc, 'docs/dataweave.md lists the formats flowrt reads and writes');
    }
  }
  const flow: DwValue = { name: host.flowName?.() ?? null };
  const app: DwValue = { name: host.appName ?? null };
  const where = formatLocation(loc);
  const mediaType = outputMediaType(output);
  return {
    source,
    loc,
    warnings: [],
    mediaType,
    async evaluate(event: EventLike): Promise<unknown> {
      const looked: unknown[] = [];
      for (;;) {
        let calls = 0;
        let bindings: Record<string, DwValue>;
        try {
          // A payload that does not read as its media type says (malformed XML …) fails this expression.
          bindings = bindingsOf(event, flow, app, script.inputs);
        } catch (e) {
          throw evaluationError(e, source, where, loc);
        }
        const ctx: EvalContext = {
          bindings,
          property: (name) => host.property(name),
          lookup(flowName, payload) {
            if (calls < looked.length) return looked[calls++] as DwValue;
            throw new LookupNeeded(flowName, payload);
          },
          readResource: (path) => host.readResource(path),
          log: (message) => host.log(message),
          deadline: Date.now() + limits.timeoutMs,
          maxDepth: limits.maxDepth,
        };
        try {
          return toRuntime(
            withContext(ctx, () => script.run(ctx)),
            output,
          ).value;
        } catch (e) {
          if (e instanceof LookupNeeded && looked.length < MAX_LOOKUPS) {
            // Scripts are pure but for lookup: run the flow, then evaluate again with its answer.
            looked.push(await host.lookup(e.flowName, e.payload, event));
            continue;
          }
          throw evaluationError(e, source, where, loc);
        }
      }
    },
  };
}

function evaluationError(e: unknown, source: string, where: string, loc: SourceLocation): FlowError {
  if (e instanceof FlowError) return e;
  let message: string;
  if (e instanceof DataWeaveEvaluationError) {
    const at = e.at ? locate(loc, source, e.at) : undefined;
    message = e.at ? `${e.message}\n\nTrace:\n  at main (line: ${e.at.line}, column: ${e.at.col})` : e.message;
    const description = `"${message}" evaluating expression: "${abbreviate(source)}".`;
    return new FlowError(MULE.EXPRESSION, description, { cause: e, detailedDescription: `${description}\n  at ${at ? formatLocation(at) : where}` });
  }
  if (e instanceof LookupNeeded) message = `lookup called more than ${MAX_LOOKUPS} times in one evaluation`;
  else if (e instanceof RangeError) message = `Stack overflow: ${e.message}`;
  else message = e instanceof Error ? e.message : String(e);
  const description = `"${message}" evaluating expression: "${abbreviate(source)}".`;
  return new FlowError(MULE.EXPRESSION, description, { cause: e, detailedDescription: `${description}\n  at ${where}` });
}

/** Where in the XML file a position of the script is. */
function locate(loc: SourceLocation, source: string, at: Pos): SourceLocation {
  let offset = 0;
  for (let line = 1; line < at.line; line++) {
    const nl = source.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return advanceLocation(loc, source, offset + at.col - 1);
}
