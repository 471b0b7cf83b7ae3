import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { condition } from './boolean.js';
import type { EventLike } from './scope.js';
import type { Value } from './value.js';
import { toText } from './value.js';

/**
 * An operation setting Mule lets an expression give (`followRedirects="#[vars.follow]"`): read
 * once when it is written as a literal, per event when it is an expression. Literal values were
 * checked at load against the attribute's spec; an expression's are checked when evaluated
 * (MULE:EXPRESSION, as Mule fails an expression whose value does not fit its parameter).
 */
export interface Setting<T> {
  /** The value when it never depends on the event. */
  readonly constant?: T;
  get(event: EventLike): T | Promise<T>;
}

/** A boolean setting; `fallback` when the attribute is absent. */
export function booleanSetting(value: Value | undefined, fallback: boolean): Setting<boolean> {
  if (!value) return fixed(fallback);
  if (value.constant) return fixed(value.source.trim().toLowerCase() === 'true');
  const read = condition(value);
  return { get: (event) => read(event) };
}

/** A setting that must be one of `allowed` (upper-cased, as Mule's enums are written). */
export function enumSetting<T extends string>(value: Value | undefined, allowed: readonly T[], fallback: T, name: string): Setting<T> {
  if (!value) return fixed(fallback);
  const find = (raw: unknown): T | undefined => {
    const text = toText(raw).trim().toUpperCase();
    return allowed.find((a) => a === text);
  };
  const pick = (raw: unknown): T => {
    const found = find(raw);
    if (found === undefined) throw new FlowError(MULE.EXPRESSION, `${name} "${toText(raw)}" is not one of ${allowed.join(', ')}`);
    return found;
  };
  // A literal that fits none was reported at load (the spec's values): the build goes on with the default.
  if (value.constant) return fixed(find(value.source) ?? fallback);
  return { get: async (event) => pick(await value.evaluate(event)) };
}

function fixed<T>(value: T): Setting<T> {
  return { constant: value, get: () => value };
}
