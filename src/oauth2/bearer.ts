import { toText } from '../expr/value.js';

/** A token as operations receive it: the value itself, or an Authorization header value with its Bearer prefix. */
export function bareToken(raw: unknown): string {
  const text = raw === undefined || raw === null ? '' : toText(raw).trim();
  return text.replace(/^bearer\s+/i, '');
}
