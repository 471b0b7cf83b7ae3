import type { ExpressionLimits } from '../contract.js';
import { compileModule } from './compile/module.js';
import type { EvalContext } from './context.js';
import { DataWeaveCompileError, DataWeaveSyntaxError } from './errors.js';
import type { DataWeaveHost } from './host.js';
import type { FunctionTable } from './library/define.js';
import { parseDataWeaveModule } from './parser.js';
import { DataWeaveEvaluationError } from './values/eval-error.js';

// Each app's modules are read and compiled once, however many scripts import them.
const compiled = new WeakMap<DataWeaveHost, Map<string, FunctionTable | 'loading'>>();

/**
 * A module of the app's own, as Mule finds it on the classpath: `modules::Common` is
 * `modules/Common.dwl` in the app's folder or `src/main/resources`. Undefined when the app has no
 * such file; a broken module is a load error naming its file.
 */
export function appModule(
  name: string,
  host: DataWeaveHost,
  limits: ExpressionLimits,
  options: { core: FunctionTable; modules: (name: string) => FunctionTable | undefined },
): FunctionTable | undefined {
  if (!/^[A-Za-z_]\w*(::[A-Za-z_]\w*)*$/.test(name)) return undefined;
  let cache = compiled.get(host);
  if (!cache) compiled.set(host, (cache = new Map()));
  const known = cache.get(name);
  if (known === 'loading') throw new DataWeaveCompileError(`Module ${name} imports itself (through its imports)`, { line: 1, col: 1 });
  if (known) return known;
  const path = `${name.split('::').join('/')}.dwl`;
  const bytes = host.readResource(path);
  if (!bytes) return undefined;
  cache.set(name, 'loading');
  try {
    const ctx: EvalContext = {
      bindings: {},
      property: (key) => host.property(key),
      lookup: () => {
        throw new DataWeaveEvaluationError('lookup cannot run while a module loads');
      },
      readResource: (p) => host.readResource(p),
      log: (message) => host.log(message),
      deadline: Date.now() + limits.timeoutMs,
      maxDepth: limits.maxDepth,
    };
    const table = compileModule(parseDataWeaveModule(new TextDecoder().decode(bytes)), options, ctx);
    cache.set(name, table);
    return table;
  } catch (e) {
    cache.delete(name);
    if (e instanceof DataWeaveSyntaxError || e instanceof DataWeaveCompileError || e instanceof DataWeaveEvaluationError) {
      throw new DataWeaveCompileError(`Module ${name} (${path}) does not load: ${e.message}`, { line: 1, col: 1 });
    }
    throw e;
  }
}
