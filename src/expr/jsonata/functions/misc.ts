/*
 * $type, $error, $assert and $clone (functions.js; $clone is jsonata.js's `functionClone`).
 */
import { JsonataError, type Builtin } from '../values.js';
import { isFunctionValue } from './util.js';
import { stringify } from './strings.js';

function type(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  // NaN is no JSON number; JSONata's isNumeric says so and the value falls through to 'object'.
  if (typeof value === 'number') return Number.isNaN(value) ? 'object' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isFunctionValue(value)) return 'function';
  return 'object';
}

function error(message?: string): never {
  throw new JsonataError('D3137', message || '$error() function evaluated');
}

function assert(condition: boolean, message?: string): undefined {
  if (!condition) throw new JsonataError('D3141', message || '$assert() statement failed');
  return undefined;
}

/** A deep copy through JSON, as JSONata makes it (so functions become '' and -0 becomes 0). */
function clone(arg: unknown): unknown {
  if (arg === undefined) return undefined;
  return JSON.parse(stringify(arg)!);
}

export const MISC: Readonly<Record<string, Builtin>> = {
  type: { signature: '<x:s>', impl: type },
  error: { signature: '<s?:x>', impl: error },
  assert: { signature: '<bs?:x>', impl: assert },
  clone: { signature: '<(oa)-:o>', impl: clone },
};
