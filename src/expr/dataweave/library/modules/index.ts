import type { FunctionTable } from '../define.js';

/** PLACEHOLDER for the dw::core::* modules by name, replaced when the modules land. */
export const MODULES: Readonly<Record<string, FunctionTable>> = {};
