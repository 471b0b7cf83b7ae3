import { CORE } from './core/index.js';
import type { FunctionTable } from './define.js';
import { MODULES } from './modules/index.js';
import { DATES } from '../temporal/modules/dates.js';
import { PERIODS } from '../temporal/modules/periods.js';

const ALL: Readonly<Record<string, FunctionTable>> = { ...MODULES, 'dw::core::Dates': DATES, 'dw::core::Periods': PERIODS };

/** dw::Core: what every script sees without an import. */
export function coreFunctions(): FunctionTable {
  return CORE;
}

/** A module by its full name (`dw::core::Strings`), or undefined when flowrt has none by that name. */
export function moduleFunctions(name: string): FunctionTable | undefined {
  return Object.prototype.hasOwnProperty.call(ALL, name) ? ALL[name] : undefined;
}
