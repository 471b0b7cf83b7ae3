import { fail } from './errors.js';

/*
 * JSONata's conversions the operators need: effective boolean value, string of a value, number
 * checks (a non-finite number is D1001), deep equality.
 */

/** JSONata's `$boolean`: undefined stays undefined. */
export function truthy(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return truthy(value[0]);
    return value.length > 1 && value.some((v) => truthy(v));
  }
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'number':
      return isNumeric(value) && value !== 0;
    case 'boolean':
      return value;
    case 'object':
      return value !== null && Object.keys(value).length > 0;
    default:
      return false;
  }
}

/** The boolean `and`, `or` and conditions see: nothing is false. */
export function boolize(value: unknown): boolean {
  return truthy(value) ?? false;
}

/** A finite number; a non-finite one is an error (D1001), as the library raises it. */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) fail('D1001', { value });
  return true;
}

/** JSONata's `$string`: strings as they are, functions empty, numbers to 15 significant digits. */
export function stringify(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '';
  if (typeof value === 'number' && !Number.isFinite(value)) fail('D3001', { value });
  const target = Array.isArray(value) && (value as { outerWrapper?: boolean }).outerWrapper ? value[0] : value;
  return JSON.stringify(target, (_key, v: unknown) => {
    if (typeof v === 'number' && isNumeric(v)) return Number.isInteger(v) ? v : Number(v.toPrecision(15));
    return typeof v === 'function' ? '' : v;
  });
}
