import { JsonataError } from '../values.js';
import { MESSAGES } from './messages.js';

/** The fields JSONata's message templates read. */
export interface Details {
  position?: number;
  token?: unknown;
  value?: unknown;
  value2?: unknown;
  index?: number;
  type?: string;
}

/** Throws JSONata's error `code`, its message filled in as the library fills it. */
export function fail(code: string, details: Details = {}): never {
  throw jsonataError(code, details);
}

export function jsonataError(code: string, details: Details): JsonataError {
  const err = new JsonataError(code, message(code, details), details);
  Object.assign(err, details);
  return err;
}

/**
 * Adds where an error happened, as the library does on the way out of an operator or a call:
 * the position and token are filled in only when the error has none yet, and the message follows.
 */
export function locate(e: unknown, position: number | undefined, token: unknown, overwrite = false): unknown {
  if (!(e instanceof JsonataError)) return e;
  const err = e as unknown as Details & { code: string; message: string };
  if (overwrite || err.position === undefined) err.position = position;
  if (overwrite || err.token === undefined) err.token = token;
  if (MESSAGES[err.code] !== undefined) err.message = message(err.code, err);
  return e;
}

/** JSONata's templates: `{{{x}}}` takes the field as it is, `{{x}}` its JSON text. */
function message(code: string, details: Details): string {
  const template = MESSAGES[code];
  if (template === undefined) return code;
  const fields = details as Record<string, unknown>;
  return template
    .replace(/\{\{\{([^}]+)}}}/g, (_m, k: string) => String(fields[k]))
    .replace(/\{\{([^}]+)}}/g, (_m, k: string) => String(JSON.stringify(fields[k])));
}
