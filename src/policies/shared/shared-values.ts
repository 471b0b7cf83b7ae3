import { toText } from '../../expr/value.js';

/** A value as a request header the flow sees: text, without the CR, LF or NUL a header may not hold (RFC 9110 §5.5). */
export function headerValue(value: unknown): string {
  return toText(value).replace(/[\r\n\0]/g, ' ');
}

/** Frozen all the way down: what one cached token gives is shared by every request that carries it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
