import { randomUUID } from 'node:crypto';
import { defineFunction, overload } from '../define.js';
import { current } from '../../context.js';
import type { FormatProperties } from '../../formats/index.js';
import { readValue, writeValue } from '../../formats/index.js';
import { now as temporalNow } from '../../temporal/index.js';
import { show } from '../../values/describe.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, DwValue } from '../../values/model.js';
import { entriesOf, typeOf } from '../../values/model.js';
import { asFunction, call } from './helpers.js';

/** typeOf, log and its levels, uuid, now, read, write, readUrl, then, onNull, evaluateCompatibilityFlag. */

/** The type's name ("String", "Object" …): flowrt has no first-class type values, and a name prints as DataWeave prints the type. */
export const typeOfFn = defineFunction('typeOf', [overload('Any', (v: DwValue) => typeOf(v))]);

/** The value as DataWeave's own format writes it; a one-line literal when that writer is not there. */
function dwText(value: DwValue): string {
  try {
    const text = writeValue(value, 'application/dw', {});
    if (typeof text === 'string') return text;
  } catch {
    // Logging must not fail the script: when formats/ cannot write the value (no application/dw
    // writer yet, a value it refuses), the literal below says the same on one line.
  }
  return show(value, Number.MAX_SAFE_INTEGER);
}

/** `prefix - value`; the value itself comes back. */
function logged(prefix: string, value: DwValue): DwValue {
  const text = dwText(value);
  current().log(prefix === '' ? text : `${prefix} - ${text}`);
  return value;
}

/** log(value) or log(prefix, value): with one argument it is the value that is given. */
function logFunction(name: string): DwFunction {
  return defineFunction(name, [
    overload('Any', (value: DwValue) => logged('', value)),
    overload('String | Null, Any', (prefix: string | null, value: DwValue) => logged(prefix ?? '', value)),
  ]);
}

export const log = logFunction('log');
export const logDebug = logFunction('logDebug');
export const logInfo = logFunction('logInfo');
export const logWarn = logFunction('logWarn');
export const logError = logFunction('logError');

/** The level is not kept apart: the context has one place to write to. */
export const logWith = defineFunction('logWith', [
  overload('String, String | Null, Any', (_level: string, prefix: string | null, value: DwValue) => logged(prefix ?? '', value)),
]);

export const uuid = defineFunction('uuid', [overload('', () => randomUUID())]);

export const now = defineFunction('now', [overload('', () => temporalNow())]);

function properties(props: DwObjectLike | undefined): FormatProperties {
  const out: Record<string, DwValue> = {};
  if (props) for (const e of entriesOf(props)) out[e.key] = e.value;
  return out;
}

/** read and write default to DataWeave's own format, as DataWeave's do. */
const DEFAULT_MIME = 'application/dw';

export const read = defineFunction('read', [
  overload('String | Binary, String?, Object?', (content: string | Uint8Array, mime?: string, props?: DwObjectLike) =>
    readValue(content, mime ?? DEFAULT_MIME, properties(props)),
  ),
  overload('Null, String?, Object?', () => null),
]);

export const write = defineFunction('write', [
  overload('Any, String?, Object?', (value: DwValue, mime?: string, props?: DwObjectLike) => writeValue(value, mime ?? DEFAULT_MIME, properties(props))),
]);

const CLASSPATH = 'classpath://';

/** Only the app's own files: a script reaching out to the network or disk is not something flowrt lets an expression do. */
export const readUrl = defineFunction('readUrl', [
  overload('String, String?, Object?', (url: string, mime?: string, props?: DwObjectLike) => {
    if (!url.startsWith(CLASSPATH)) fail(`readUrl supports classpath:// only in flowrt, not '${url}'`);
    const path = url.slice(CLASSPATH.length);
    const content = current().readResource(path);
    if (content === undefined) fail(`readUrl: the app has no file '${path}' (${url})`);
    return readValue(content, mime ?? DEFAULT_MIME, properties(props));
  }),
]);

/** Passes a value on to the callback, unless it is null. (Not exported as `then`: a module exporting `then` is a thenable to `import()`.) */
export const thenFn = defineFunction('then', [
  overload('Null, Function', () => null),
  overload('Any, Function', (value: DwValue, fn: DwFunction) => call(fn, value)),
]);

/** The callback's value (or the value given instead of a callback) in place of a null. */
export const onNull = defineFunction('onNull', [
  overload('Null, Any', (_v: null, fallback: DwValue) => call(asFunction(fallback))),
  overload('Any, Any', (value: DwValue) => value),
]);

/** flowrt keeps no compatibility flags: every flag reads as unset. */
export const evaluateCompatibilityFlag = defineFunction('evaluateCompatibilityFlag', [overload('String', () => false)]);
