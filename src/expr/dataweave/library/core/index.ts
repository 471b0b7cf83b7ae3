import type { FunctionTable } from '../define.js';

/** PLACEHOLDER for dw::Core, replaced when the core library lands. */
export const CORE: FunctionTable = {};
