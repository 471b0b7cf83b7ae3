import type { Pos } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import type { FunctionTable } from '../library/define.js';
import type { DwValue } from '../values/model.js';
import type { Binding, FunInfo, Scope } from './scope.js';
import { unknown } from './scope.js';

/** What a name denotes at compile time: a slot of some frame, or a value known at load (a library function). */
export type Resolved =
  { readonly kind: 'slot'; readonly hops: number; readonly index: number; readonly fun?: FunInfo } | { readonly kind: 'const'; readonly value: DwValue };

/**
 * Resolves a name: the script's own declarations and bindings first, then dw::Core, then a
 * module-qualified name (`Strings::camelize` after `import dw::core::Strings`, or fully
 * qualified `dw::core::Strings::camelize`).
 */
export function resolve(name: string, sc: Scope, at: Pos): Resolved {
  const b = sc.find(name);
  if (b) return fromBinding(b, sc);
  const core = sc.lib.core;
  if (Object.prototype.hasOwnProperty.call(core, name)) return { kind: 'const', value: core[name]! };
  const sep = name.lastIndexOf('::');
  if (sep > 0) {
    const prefix = name.slice(0, sep);
    const member = name.slice(sep + 2);
    const table = sc.module(prefix) ?? moduleByName(prefix, sc);
    if (!table) throw new DataWeaveCompileError(`Unable to resolve module with identifier ${prefix}`, at);
    if (!Object.prototype.hasOwnProperty.call(table, member))
      throw unknown(
        `no function '${member}' in ${prefix}`,
        name,
        at,
        Object.keys(table).map((m) => `${prefix}::${m}`),
      );
    return { kind: 'const', value: table[member]! };
  }
  throw unknown('no variable or function of that name', name, at, sc.visible());
}

function fromBinding(b: Binding, sc: Scope): Resolved {
  if (b.kind === 'const') return b;
  return { kind: 'slot', hops: sc.hops(b), index: b.index, ...(b.fun && { fun: b.fun }) };
}

/** A module by its full name; dw::Core is the core table itself. */
export function moduleByName(name: string, sc: Scope): FunctionTable | undefined {
  return name === 'dw::Core' ? sc.lib.core : sc.lib.modules(name);
}
