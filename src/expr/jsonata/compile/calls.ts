import { apply, TailCall } from './apply.js';
import { callFrom, run } from './budget.js';
import { fail, locate } from './errors.js';
import type { Frame } from './frame.js';
import type { Compiler, Evaluator, Node } from './types.js';

/** A compiled call `$f(a, b)`, applicable with an extra first argument (`x ~> $f(b)`). */
export type Invocation = (input: unknown, frame: Frame, first?: { value: unknown }) => unknown;

/** `proc(args…)`: the procedure and arguments evaluated, then applied; in tail position, a TailCall instead. */
export function compileCall(node: Node, c: Compiler, tail = false): Evaluator {
  const invoke = compileInvocation(node, c, tail);
  return (input, frame) => invoke(input, frame);
}

export function compileInvocation(node: Node, c: Compiler, tail = false): Invocation {
  const procNode = node.procedure as Node;
  const procedure = c.compile(procNode);
  const args = (node.arguments as Node[]).map((a) => c.compile(a));
  const name = procNode.type === 'path' ? ((procNode.steps as Node[])[0]!.value as string) : procNode.value;
  const position = node.position;
  const site = c.depth;
  return (input, frame, first) => {
    const fn = procedure(input, frame);
    // The library's hint for `sum(x)` where `$sum` was meant.
    if (fn === undefined && procNode.type === 'path' && frame.lookup(name as string, (n) => c.global(n)) !== undefined)
      fail('T1005', { position, token: name });
    const values: unknown[] = first ? [first.value] : [];
    for (const a of args) values.push(a(input, frame));
    if (tail) return new TailCall(fn, values);
    const previous = run.site;
    run.site = site;
    try {
      return apply(fn, values, input);
    } catch (e) {
      throw locate(e, position, name);
    } finally {
      run.site = previous;
    }
  };
}

/** `lhs ~> rhs`: a call with lhs as first argument, the application of a function to lhs, or two functions chained. */
export function compileApply(node: Node, c: Compiler, chain: (f: unknown, g: unknown) => unknown): Evaluator {
  const lhs = c.compile(node.lhs as Node);
  const rhsNode = node.rhs as Node;
  if (rhsNode.type === 'function') {
    const invoke = compileInvocation(rhsNode, c);
    return (input, frame) => invoke(input, frame, { value: lhs(input, frame) });
  }
  const rhs = c.compile(rhsNode);
  const site = c.depth;
  return (input, frame) => {
    const value = lhs(input, frame);
    const fn = rhs(input, frame);
    if (typeof fn !== 'function') fail('T2006', { position: node.position, value: fn });
    if (typeof value === 'function') return chain(value, fn);
    return callFrom(site, () => apply(fn, [value], null));
  };
}
