import { encodeSegment } from './request-path.js';

/**
 * A Mule listener path compiled for matching: `{name}` takes one segment, `*` one segment in the
 * middle of a path and any number (none included) at its end, anything else is literal text in
 * the canonical encoding requests are routed by (request-path.ts), so `café` matches `caf%C3%A9`.
 */
export interface RoutePattern {
  /** The uri parameters when `segments` (a routing path's, split) match; undefined otherwise. */
  match(segments: readonly string[], decoded: readonly string[]): Record<string, string> | undefined;
}

const PARAM = 0;
const ANY = 1;
type Part = string | { readonly kind: typeof PARAM; readonly name: string } | { readonly kind: typeof ANY };

export function compilePattern(path: string): RoutePattern {
  const written = path.split('/').filter(Boolean);
  const rest = written[written.length - 1] === '*';
  if (rest) written.pop();
  const parts: Part[] = written.map((part) => {
    if (part.startsWith('{') && part.endsWith('}')) return { kind: PARAM, name: part.slice(1, -1) };
    if (part === '*') return { kind: ANY };
    return encodeSegment(decoded(part));
  });
  const length = parts.length;
  return {
    match(segments, decodedSegments) {
      if (rest ? segments.length < length : segments.length !== length) return undefined;
      let params: Record<string, string> | undefined;
      for (let i = 0; i < length; i++) {
        const part = parts[i]!;
        if (typeof part === 'string') {
          if (segments[i] !== part) return undefined;
        } else if (part.kind === PARAM) {
          (params ??= {})[part.name] = decodedSegments[i]!;
        }
      }
      return params ?? NO_PARAMS;
    },
  };
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Splits a path into its non-empty segments: `/a/b/` and `/a/b` are the same route. */
export function segmentsOf(path: string): string[] {
  return path === '/' ? [] : path.split('/').filter(Boolean);
}

function decoded(segment: string): string {
  try {
    return segment.includes('%') ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}
