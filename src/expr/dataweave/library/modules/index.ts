import type { FunctionTable } from '../define.js';
import { ARRAYS } from './arrays.js';
import { BINARIES } from './binaries.js';
import { CRYPTO } from './crypto.js';
import { NUMBERS } from './numbers.js';
import { OBJECTS } from './objects.js';
import { RUNTIME } from './runtime.js';
import { STRINGS } from './strings.js';
import { SYSTEM } from './system.js';
import { URL } from './url.js';
import { VALUES } from './values.js';

/**
 * DataWeave's standard modules other than dw::Core (and the dates modules, which live with the
 * temporal code), by full module name: what `import * from dw::core::Strings` and
 * `dw::core::Strings::camelize(…)` resolve against.
 */
export const MODULES: Readonly<Record<string, FunctionTable>> = {
  'dw::core::Strings': STRINGS,
  'dw::core::Arrays': ARRAYS,
  'dw::core::Objects': OBJECTS,
  'dw::core::Binaries': BINARIES,
  'dw::core::URL': URL,
  'dw::core::Numbers': NUMBERS,
  'dw::Crypto': CRYPTO,
  'dw::Runtime': RUNTIME,
  'dw::System': SYSTEM,
  'dw::util::Values': VALUES,
};
