import { fail } from './errors.js';
import type { Frame, Tuple } from './frame.js';
import { tupleFrame } from './frame.js';
import { append, markCons, seqOf } from './sequence.js';
import type { Compiler, Evaluator, Node } from './types.js';

/** An object constructor applied to a sequence (`{…}` alone, or grouping `path{…}`). */
export type Grouping = (input: unknown, frame: Frame) => Record<string, unknown>;

/** `[a, b, …]`: items appended (a nested `[…]` stays one item); flagged `cons` when a path must keep it whole. */
export function compileArray(node: Node, c: Compiler): Evaluator {
  const items = (node.expressions as Node[]).map((item) => ({ run: c.compile(item), nested: item.value === '[' }));
  const cons = node.consarray === true;
  return (input, frame) => {
    const result: unknown[] = [];
    for (const item of items) {
      const value = item.run(input, frame);
      if (value === undefined) continue;
      if (item.nested || !Array.isArray(value)) result.push(value);
      else for (const v of value) result.push(v);
    }
    if (cons) markCons(result);
    return result;
  };
}

export function compileObject(node: Node, c: Compiler): Evaluator {
  return compileGrouping(node, c);
}

/**
 * `{key: value, …}` over a sequence: each item goes to the group its key names, then each group's
 * value is evaluated on the items it holds. Keys must be strings (T1003); two key expressions
 * giving the same key is D1009. On a single item with literal keys it is a plain object constructor.
 */
export function compileGrouping(node: Node, c: Compiler): Grouping {
  const pairs = (node.lhs as Node[][]).map(([key, value]) => ({ key: c.compile(key!), value: c.compile(value!), literal: literalKey(key!) }));
  const position = node.position;
  const literals = pairs.map((p) => p.literal);
  const simple = literals.every((k) => k !== undefined) && new Set(literals).size === literals.length;
  const general: Grouping = (input, frame) => group(pairs, position, input, frame);
  if (!simple) return general;
  const unusual = literals.includes('__proto__');
  return (input, frame) => {
    if (Array.isArray(input)) return general(input, frame);
    const result: Record<string, unknown> = {};
    for (const pair of pairs) {
      const value = pair.value(input, frame);
      if (value === undefined) continue;
      if (unusual) set(result, pair.literal!, value);
      else result[pair.literal!] = value;
    }
    return result;
  };
}

interface Pair {
  readonly key: Evaluator;
  readonly value: Evaluator;
}

function group(pairs: readonly Pair[], position: number | undefined, input: unknown, frame: Frame): Record<string, unknown> {
  const reduce = (input as { tupleStream?: boolean } | undefined)?.tupleStream === true;
  const items: unknown[] = Array.isArray(input) ? input : seqOf(input);
  if (items.length === 0 && !reduce) items.push(undefined);
  const groups = new Map<string, { data: unknown; pair: number }>();
  for (const item of items) {
    const env = reduce ? tupleFrame(frame, item as Tuple) : frame;
    const context = reduce ? (item as Tuple)['@'] : item;
    for (let p = 0; p < pairs.length; p++) {
      const key = pairs[p]!.key(context, env);
      if (key === undefined) continue;
      if (typeof key !== 'string') fail('T1003', { position, value: key });
      // The library keeps these names for its own function objects; it refuses them, so we do too.
      if (key === '_jsonata_lambda' || key === '_jsonata_function') fail('D1013', { position, value: key });
      const entry = groups.get(key);
      if (!entry) groups.set(key, { data: item, pair: p });
      else if (entry.pair !== p) fail('D1009', { position, value: key });
      else entry.data = append(entry.data, item);
    }
  }
  const result: Record<string, unknown> = {};
  for (const [key, entry] of groups) {
    let context = entry.data;
    let env = frame;
    if (reduce) {
      const tuple = reduceTuples(entry.data);
      context = tuple['@'];
      delete tuple['@'];
      env = tupleFrame(frame, tuple);
    }
    const value = pairs[entry.pair]!.value(context, env);
    if (value !== undefined) set(result, key, value);
  }
  return result;
}

/** A group's tuples as one: each name bound to the values it had across them. */
function reduceTuples(tuples: unknown): Tuple {
  if (!Array.isArray(tuples)) return Object.assign(Object.create(null) as Tuple, tuples as Tuple);
  const result = Object.assign(Object.create(null) as Tuple, tuples[0] as Tuple);
  for (let i = 1; i < tuples.length; i++) {
    const tuple = tuples[i] as Tuple;
    for (const key of Object.keys(tuple)) result[key] = append(result[key], tuple[key]);
  }
  return result;
}

function literalKey(node: Node): string | undefined {
  return node.type === 'string' && typeof node.value === 'string' && !node.predicate && !node.group ? node.value : undefined;
}

/** A key named `__proto__` is a field like any other, not the object's prototype. */
function set(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
