/*
 * What $match, $contains, $replace and $split search with: a regex object from the compiler
 * (a LinearRegExp, or a RegExp), or a function value that is a custom matcher. Either is read
 * as JSONata's matcher protocol: a first match of { match, start, end, groups, next }, where
 * next() gives the following match (evaluateRegex and evaluateMatcher in jsonata.js).
 */
import { JsonataError, type CallContext } from '../values.js';
import { isFunctionValue } from './util.js';

export interface Match {
  readonly match: string;
  readonly start: number;
  readonly end: number;
  readonly groups: readonly unknown[];
  /** The following match, undefined after the last; JSONata hands this object to $replace's function. */
  readonly next: () => Match | undefined;
}

/** The RegExp-like interface flowrt's regex objects have (LinearRegExp, and RegExp itself). */
export interface RegexLike {
  lastIndex: number;
  exec(input: string): RegExpExecArray | null;
}

/** The first match of `matcher` in `str`, or undefined. `fn` names the calling function in errors. */
export function firstMatch(ctx: CallContext, matcher: unknown, str: string, fn: string): Match | undefined {
  if (isFunctionValue(matcher)) return customMatch(ctx, matcher, [str], fn);
  return regexMatch(searchable(matcher as RegexLike), str, 0);
}

/**
 * A RegExp that searches from `lastIndex`, which exec does only with g or y: a copy with g when
 * it has neither. LinearRegExp always searches from `lastIndex`.
 */
const globalCopies = new WeakMap<RegExp, RegExp>();
function searchable(re: RegexLike): RegexLike {
  if (!(re instanceof RegExp) || re.global || re.sticky) return re;
  let copy = globalCopies.get(re);
  if (!copy) globalCopies.set(re, (copy = new RegExp(re.source, `${re.flags}g`)));
  return copy;
}

function regexMatch(re: RegexLike, str: string, from: number): Match | undefined {
  re.lastIndex = from;
  const found = re.exec(str);
  if (found === null) return undefined;
  // Read now: a function $replace calls between two matches may run the same regex object.
  const after = re.lastIndex;
  const start = found.index;
  return {
    match: found[0],
    start,
    end: start + found[0].length,
    groups: found.slice(1),
    next: () => {
      if (after >= str.length) return undefined;
      const next = regexMatch(re, str, after);
      // A regex that matches nothing where the last match ended would never move on.
      if (next && next.match === '') throw new JsonataError('D1004', 'Regular expression matches zero length string', { value: source(re) });
      return next;
    },
  };
}

function source(re: RegexLike): unknown {
  return (re as { source?: unknown }).source;
}

/** A custom matcher's answer, checked for the shape JSONata expects (T1010 when it is not one). */
function customMatch(ctx: CallContext, matcher: unknown, args: unknown[], fn: string): Match | undefined {
  const result = ctx.apply(matcher, args) as Partial<Record<keyof Match, unknown>> | undefined;
  if (result === undefined || result === null) return undefined;
  if (!(typeof result.start === 'number' || Array.isArray(result.groups) || isFunctionValue(result.next))) {
    throw new JsonataError('T1010', `The matcher function argument passed to function $${fn} does not return the correct object structure`, {
      token: fn,
    });
  }
  const next = result.next;
  return {
    match: result.match as string,
    start: result.start as number,
    end: result.end as number,
    groups: result.groups as unknown[],
    next: () => (isFunctionValue(next) ? customMatch(ctx, next, [], fn) : undefined),
  };
}
