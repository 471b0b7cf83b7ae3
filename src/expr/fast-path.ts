/**
 * Plain JavaScript for the expressions most flows are made of — paths (`attributes.uriParams.id`),
 * literals, object constructors of those (`{'sku': payload.sku}`) and comparisons of numbers or
 * strings — so they skip JSONata's evaluator, which costs tens of microseconds per call. Anything
 * else, or a value the shortcut cannot be sure of (an array anywhere, where JSONata's sequence
 * rules apply; mixed types in a comparison), answers FALLBACK and JSONata evaluates it as usual:
 * results are always JSONata's.
 */
export const FALLBACK: unique symbol = Symbol('fallback');

export type FastPath = (input: Record<string, unknown>) => unknown;

type Node = { readonly type: string; readonly value?: unknown; readonly [key: string]: unknown };

const COMPARE: Readonly<Record<string, (a: number | string, b: number | string) => boolean>> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** A shortcut for `ast`, or undefined when the expression is not one it handles. */
export function fastPath(ast: unknown): FastPath | undefined {
  const node = ast as Node;
  if (!node || typeof node !== 'object') return undefined;
  if ((node.type === 'string' || node.type === 'number' || node.type === 'value') && onlyKeys(node, ['type', 'value', 'position'])) {
    const value = node.value;
    return () => value;
  }
  if (node.type === 'path') return pathOf(node);
  if (node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs) && onlyKeys(node, ['type', 'value', 'position', 'lhs']))
    return objectOf(node.lhs as unknown[][]);
  if (node.type === 'binary' && typeof node.value === 'string' && COMPARE[node.value] && onlyKeys(node, ['type', 'value', 'position', 'lhs', 'rhs'])) {
    const [lhs, rhs, compare] = [fastPath(node.lhs), fastPath(node.rhs), COMPARE[node.value]!];
    if (!lhs || !rhs) return undefined;
    return (input) => {
      const a = lhs(input);
      const b = rhs(input);
      if (a === FALLBACK || b === FALLBACK) return FALLBACK;
      // JSONata's rules for undefined, booleans and mixed types differ: leave those to it.
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return FALLBACK;
      return compare(a, b);
    };
  }
  return undefined;
}

/** `a.b.c` of plain name steps: property reads, undefined past a missing one, FALLBACK at an array. */
function pathOf(node: Node): FastPath | undefined {
  if (!onlyKeys(node, ['type', 'steps']) || !Array.isArray(node.steps) || node.steps.length === 0) return undefined;
  const names: string[] = [];
  for (const step of node.steps as Node[]) {
    if (step.type !== 'name' || typeof step.value !== 'string' || !onlyKeys(step, ['type', 'value', 'position'])) return undefined;
    names.push(step.value);
  }
  return (input) => {
    let current: unknown = input;
    for (const name of names) {
      if (current === null || typeof current !== 'object') return undefined;
      if (Array.isArray(current)) return FALLBACK;
      current = (current as Record<string, unknown>)[name];
    }
    if (Array.isArray(current) || typeof current === 'function') return FALLBACK;
    return current;
  };
}

/** `{'k': v, …}` with distinct literal keys; a key whose value is undefined is left out, as JSONata does. */
function objectOf(pairs: unknown[][]): FastPath | undefined {
  const entries: Array<[string, FastPath]> = [];
  for (const pair of pairs) {
    const [key, value] = pair as [Node, unknown];
    if (pair.length !== 2 || key?.type !== 'string' || typeof key.value !== 'string') return undefined;
    if (entries.some(([k]) => k === key.value)) return undefined;
    const fn = fastPath(value);
    if (!fn) return undefined;
    entries.push([key.value, fn]);
  }
  return (input) => {
    const out: Record<string, unknown> = {};
    for (const [key, fn] of entries) {
      const v = fn(input);
      if (v === FALLBACK) return FALLBACK;
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
}

function onlyKeys(node: Node, allowed: readonly string[]): boolean {
  return Object.keys(node).every((k) => allowed.includes(k));
}
