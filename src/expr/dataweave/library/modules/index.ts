import type { FunctionTable } from '../define.js';
import { ARRAYS } from './arrays.js';
import { STRINGS } from './strings.js';

/**
 * DataWeave's standard modules other than dw::Core, by full module name: what `import * from
 * dw::core::Strings` and `dw::core::Strings::camelize(…)` resolve against.
 */
export const MODULES: Readonly<Record<string, FunctionTable>> = {
  'dw::core::Strings': STRINGS,
  'dw::core::Arrays': ARRAYS,
};
