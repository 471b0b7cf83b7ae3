import { fail } from './errors.js';
import type { Frame, Tuple } from './frame.js';
import { tupleFrame } from './frame.js';
import type { Compiler, Evaluator, Node } from './types.js';

interface Term {
  readonly key: Evaluator;
  readonly descending: boolean;
}

/**
 * `^(<a, >b)`: a stable sort on the terms in turn. Terms are evaluated as the comparisons need
 * them, as the library does, so a later term that would fail is never reached when earlier ones decide.
 */
export function compileSort(node: Node, c: Compiler): (input: unknown[], frame: Frame) => unknown[] {
  const terms: Term[] = (node.terms as Array<{ expression: Node; descending?: boolean }>).map((t) => ({
    key: c.compile(t.expression),
    descending: t.descending === true,
  }));
  const position = node.position;
  return (input, frame) => {
    if (input.length <= 1) return input;
    const tuples = (input as { tupleStream?: boolean }).tupleStream === true;
    const keyOf = (item: unknown, term: Term) => (tuples ? term.key((item as Tuple)['@'], tupleFrame(frame, item as Tuple)) : term.key(item, frame));
    const compare = (a: unknown, b: unknown): number => {
      for (const term of terms) {
        const aa = keyOf(a, term);
        const bb = keyOf(b, term);
        const comp = compareKeys(aa, bb, position);
        if (comp !== 0) return term.descending && aa !== undefined && bb !== undefined ? -comp : comp;
      }
      return 0;
    };
    return Array.from(input).sort(compare);
  };
}

/** Undefined sorts last; otherwise both keys must be numbers or both strings (T2008, T2007). */
function compareKeys(a: unknown, b: unknown, position: number | undefined): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'undefined') return tb === 'undefined' ? 0 : 1;
  if (tb === 'undefined') return -1;
  if (!(ta === 'string' || ta === 'number') || !(tb === 'string' || tb === 'number'))
    fail('T2008', { position, value: !(ta === 'string' || ta === 'number') ? a : b });
  if (ta !== tb) fail('T2007', { position, value: a, value2: b });
  if (a === b) return 0;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}
