import { HTTP } from '../../errors/catalog/index.js';
import type { ErrorType } from '../../errors/error-type.js';

/** Inclusive ranges of status codes, from Mule's `values="200..299,404"`. */
export type StatusRanges = ReadonlyArray<readonly [number, number]>;

/** Mule's default: everything below 400 is a success. */
export const DEFAULT_SUCCESS: StatusRanges = [[0, 399]];

/** Parses `200..299,404`; a problem comes back as a message. */
export function parseStatusRanges(text: string): StatusRanges | string {
  const out: Array<[number, number]> = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,3})(?:\s*\.\.\s*(\d{1,3}))?$/.exec(part);
    if (!m) return `"${part}" is not a status code or range like 200..299`;
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    if (high < low) return `range ${part} ends before it starts`;
    out.push([low, high]);
  }
  return out.length > 0 ? out : 'no status codes given';
}

export function inRanges(status: number, ranges: StatusRanges): boolean {
  return ranges.some(([low, high]) => status >= low && status <= high);
}

/** The HTTP error a status maps to, by the name Mule's HttpError shares with the status. */
const BY_STATUS: ReadonlyMap<number, ErrorType> = new Map([
  [400, HTTP.BAD_REQUEST],
  [401, HTTP.UNAUTHORIZED],
  [403, HTTP.FORBIDDEN],
  [404, HTTP.NOT_FOUND],
  [405, HTTP.METHOD_NOT_ALLOWED],
  [406, HTTP.NOT_ACCEPTABLE],
  [415, HTTP.UNSUPPORTED_MEDIA_TYPE],
  [429, HTTP.TOO_MANY_REQUESTS],
  [500, HTTP.INTERNAL_SERVER_ERROR],
  [502, HTTP.BAD_GATEWAY],
  [503, HTTP.SERVICE_UNAVAILABLE],
  [504, HTTP.GATEWAY_TIMEOUT],
]);

/**
 * The type and Mule's wording for a rejected status: `… failed: not found (404).`, or
 * `… failed with status code 418.` for a status with no error type of its own.
 */
export function statusFailure(status: number, requestContentType: string | undefined): { type: ErrorType; reason: string } {
  const type = BY_STATUS.get(status);
  if (!type) return { type: HTTP.RESPONSE_VALIDATION, reason: ` with status code ${status}.` };
  const words =
    type === HTTP.UNSUPPORTED_MEDIA_TYPE ? `media type ${requestContentType ?? 'none'} not supported` : type.identifier.toLowerCase().replace(/_/g, ' ');
  return { type, reason: `: ${words} (${status}).` };
}
