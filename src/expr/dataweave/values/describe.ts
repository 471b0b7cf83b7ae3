import { defaultText } from '../temporal/default-text.js';
import type { DwValue } from './model.js';
import { entriesOf, isObject, isRegex, typeOf } from './model.js';
import { formatNumber, isNum } from './numbers.js';

/**
 * A value as DataWeave's error messages show it: its type and a short literal, e.g.
 * `Number (1)`, `String ("abc")`, `Object ({a: 1})`.
 */
export function describe(v: DwValue | undefined): string {
  return `${typeOf(v ?? null)} (${show(v ?? null, 60)})`;
}

/** A short DataWeave-literal rendering of a value, cut at `max` characters. */
export function show(v: DwValue, max = 80): string {
  const s = render(v, max + 1);
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

function render(v: DwValue | undefined, budget: number): string {
  if (v instanceof String) v = v.valueOf();
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (isNum(v)) return formatNumber(v);
  if (typeof v === 'function') return `(${(v.dwParams ?? []).join(', ')}) -> ???`;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length && out.length < budget; i++) out += (i ? ', ' : '') + render(v[i], budget - out.length);
    return `${out}]`;
  }
  if (isObject(v)) {
    let out = '{';
    for (const e of entriesOf(v)) {
      if (out.length >= budget) break;
      out += `${out.length > 1 ? ', ' : ''}${/^[A-Za-z_][\w-]*$/.test(e.key) ? e.key : JSON.stringify(e.key)}: ${render(e.value, budget - out.length)}`;
    }
    return `${out}}`;
  }
  if (isRegex(v)) return `/${v.source}/`;
  if (v instanceof Uint8Array) return `<Binary of ${v.length} bytes>`;
  // Dates as DataWeave writes them (`|23:57:00|`, where js-joda's toString gives `23:57`).
  return `|${defaultText(v) ?? String(v)}|`;
}
