import { fail } from './errors.js';
import type { Compiler, Evaluator, Node } from './types.js';

/** What a regex literal evaluates to: the matcher function `$match`, `$replace`, `$split` and `$contains` call. */
export interface RegexMatch {
  match: string;
  start: number;
  end: number;
  groups: string[];
  next: () => RegexMatch | undefined;
}

/**
 * `/re/flags`: a matcher over flowrt's regex engine (LinearRegExp: linear time where it can), made
 * afresh on each evaluation as the library makes it, since matching moves the engine's lastIndex.
 */
export function compileRegex(node: Node, c: Compiler): Evaluator {
  const pattern = node.value as RegExp;
  const Engine = c.regex;
  return () => {
    const re = new Engine(pattern);
    const matcher = (str: string, fromIndex?: number): RegexMatch | undefined => {
      re.lastIndex = fromIndex ?? 0;
      const found = re.exec(str);
      if (found === null) return undefined;
      const result: RegexMatch = {
        match: found[0],
        start: found.index,
        end: found.index + found[0].length,
        groups: found.slice(1),
        next: () => {
          if (re.lastIndex >= str.length) return undefined;
          const next = matcher(str, re.lastIndex);
          if (next && next.match === '') fail('D1004', { position: node.position, value: pattern.source });
          return next;
        },
      };
      return result;
    };
    return matcher;
  };
}
