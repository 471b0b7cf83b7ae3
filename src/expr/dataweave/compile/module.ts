import type { Script } from '../ast.js';
import type { EvalContext } from '../context.js';
import { withContext } from '../context.js';
import type { FunctionTable } from '../library/define.js';
import { coreFunctions, moduleFunctions } from '../library/registry.js';
import type { DwValue } from '../values/model.js';
import { compile } from './expr.js';
import { compileHeader } from './header.js';
import type { CompileScriptOptions } from './index.js';
import { FnScope, Frame, Scope } from './scope.js';

/**
 * A module of the app's own (`import * from modules::Common` reads `modules/Common.dwl`): its
 * `fun`s and `var`s by name, as `import` and `Common::f` see them. The module's header runs once,
 * at load, as Mule evaluates a module's vars once; its functions close over that frame.
 */
export function compileModule(script: Script, options: Omit<CompileScriptOptions, 'bindings'>, ctx: EvalContext): FunctionTable {
  const lib = { core: options.core ?? coreFunctions(), modules: options.modules ?? moduleFunctions };
  const fn = new FnScope(undefined);
  const sc = new Scope(undefined, fn, lib);
  const inits = compileHeader(script.header, sc, compile);
  const frame = new Frame(undefined, new Array<DwValue>(fn.size));
  withContext(ctx, () => {
    for (const init of inits) init(frame);
  });
  const table: Record<string, DwValue> = {};
  for (const d of script.header) {
    if (d.kind !== 'fun' && d.kind !== 'var') continue;
    const b = sc.find(d.name);
    if (b?.kind === 'slot') table[d.name] = frame.s[b.index]!;
  }
  // A module's vars are values, not functions; a table holds both, as `Common::rate` reads either.
  return table as unknown as FunctionTable;
}
