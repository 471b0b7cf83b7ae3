import { CORE } from './core/index.js';
import type { FunctionTable } from './define.js';
import { MODULES } from './modules/index.js';

/** dw::Core: what every script sees without an import. */
export function coreFunctions(): FunctionTable {
  return CORE;
}

/** A module by its full name (`dw::core::Strings`), or undefined when flowrt has none by that name. */
export function moduleFunctions(name: string): FunctionTable | undefined {
  return Object.prototype.hasOwnProperty.call(MODULES, name) ? MODULES[name] : undefined;
}
