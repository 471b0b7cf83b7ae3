/*
 * Every JSONata built-in function flowrt's compiled JSONata implements, keyed by name without
 * the `$`. A name missing here makes the compiler leave the expression to the library.
 * `$eval` is not here: it compiles an expression, which is the compiler's business.
 */
import type { Builtin } from '../values.js';
import { AGGREGATES } from './aggregates.js';
import { ARRAYS } from './arrays.js';
import { BOOLEANS } from './booleans.js';
import { DATES } from './dates.js';
import { ENCODING } from './encoding.js';
import { FORMAT_NUMBER } from './format-number.js';
import { HIGHER_ORDER } from './higher-order.js';
import { MISC } from './misc.js';
import { NUMBERS } from './numbers.js';
import { OBJECTS } from './objects.js';
import { REGEX } from './regex.js';
import { STRINGS } from './strings.js';

export const BUILTINS: Readonly<Record<string, Builtin>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, Builtin>,
    STRINGS,
    NUMBERS,
    AGGREGATES,
    BOOLEANS,
    ARRAYS,
    OBJECTS,
    HIGHER_ORDER,
    REGEX,
    ENCODING,
    MISC,
    FORMAT_NUMBER,
    DATES,
  ),
);
