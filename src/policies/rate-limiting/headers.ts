import { seconds } from '../../util/seconds.js';
import type { WindowState } from './count.js';

const remaining = (w: WindowState): number => Math.max(0, w.limit.maximumRequests - w.count);

/** An sf-string (RFC 8941 §3.3.3): printable ASCII, quotes and backslashes escaped. */
function sfString(value: string): string {
  return `"${value.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * What `exposeHeaders` adds, allowed or refused. Anypoint's `x-ratelimit-*` speak of one window:
 * the one with the least quota left (of those, the one that resets last), as that is the one that
 * decides. The IETF fields (draft-ietf-httpapi-ratelimit-headers §4, §5) list every window:
 * `RateLimit-Policy: "name";q=<quota>;w=<window s>` and `RateLimit: "name";r=<left>;t=<s to reset>`;
 * both count whole seconds, rounded up (a 500 ms window is `w=1`).
 */
export function quotaHeaders(windows: readonly WindowState[]): Record<string, string> {
  const binding = windows.reduce((a, b) => (remaining(b) < remaining(a) || (remaining(b) === remaining(a) && b.resetMs > a.resetMs) ? b : a));
  return {
    'x-ratelimit-limit': String(binding.limit.maximumRequests),
    'x-ratelimit-remaining': String(remaining(binding)),
    'x-ratelimit-reset': String(binding.resetMs),
    'ratelimit-policy': windows.map((w) => `${sfString(w.limit.name)};q=${w.limit.maximumRequests};w=${seconds(w.limit.timePeriodInMilliseconds)}`).join(', '),
    ratelimit: windows.map((w) => `${sfString(w.limit.name)};r=${remaining(w)};t=${seconds(w.resetMs)}`).join(', '),
  };
}

/**
 * RFC 9110 §10.2.3 delay-seconds for a refused request: until every window with no quota left
 * has ended, as any of them would refuse the next request (the refused one was counted too).
 */
export function retryAfter(windows: readonly WindowState[]): string {
  const spent = windows.filter((w) => remaining(w) === 0);
  return String(seconds(Math.max(0, ...spent.map((w) => w.resetMs))));
}
