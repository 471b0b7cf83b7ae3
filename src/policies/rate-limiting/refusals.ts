import type { ResponseSpec } from '../../http/response.js';
import { rejection } from '../shared/refusals.js';

/**
 * 429 (RFC 6585 §4) with `Retry-After` in seconds, as Anypoint's traffic policies answer a request
 * over its quota. Anypoint does not document a body; this one has the OAuth-style `error` of
 * flowrt's other policies.
 */
export function tooManyRequests(retryAfterSeconds: string, headers: Readonly<Record<string, string>> = {}): ResponseSpec {
  return rejection(
    429,
    { error: 'too_many_requests', error_description: `quota exceeded: retry in ${retryAfterSeconds} s` },
    { ...headers, 'retry-after': retryAfterSeconds },
  );
}

/** 503 when the quota cannot be counted and `onStoreFailure` is `deny`. */
export function quotaUnavailable(): ResponseSpec {
  return rejection(503, { error: 'service_unavailable', error_description: 'the quota of this API cannot be checked now' }, { 'retry-after': '5' });
}
