import type { JsonataFunction } from '../values.js';
import { signatureOf } from '../signature.js';
import type { Lambda } from './apply.js';
import { apply, functionOf, lambdaOf } from './apply.js';
import { Frame } from './frame.js';
import { fail } from './errors.js';
import type { Compiler, Evaluator, Node } from './types.js';
import { compileCall } from './calls.js';

/** `function($a, $b)<sig> { body }`: a closure over the frame and context where it is evaluated. */
export function compileLambda(node: Node, c: Compiler): Evaluator {
  // The library marks a call in tail position as a thunk lambda: it becomes a TailCall for the caller's loop.
  if (node.thunk === true) return compileCall(node.body as Node, c, true);
  const params = (node.arguments as Node[]).map((p) => p.value as string);
  const definition = (node.signature as { definition?: string } | undefined)?.definition;
  const signature = definition === undefined ? undefined : signatureOf(definition);
  const body = c.body(node.body as Node);
  return (input, frame) => functionOf({ params, signature, frame, input, body });
}

/** `$f(?, 2)`: a function of the arguments left as `?`, the others fixed now. */
export function compilePartial(node: Node, c: Compiler): Evaluator {
  const procedure = c.compile(node.procedure as Node);
  const args = (node.arguments as Node[]).map((a) => (a.type === 'operator' && a.value === '?' ? undefined : c.compile(a)));
  const procNode = node.procedure as Node;
  const name = procNode.type === 'path' ? ((procNode.steps as Node[])[0]!.value as string) : procNode.value;
  return (input, frame) => {
    const values = args.map((a) => (a ? a(input, frame) : HOLE));
    const fn = procedure(input, frame);
    if (fn === undefined && procNode.type === 'path' && frame.lookup(name as string, (n) => c.global(n)) !== undefined)
      fail('T1007', { position: node.position, token: name });
    const lambda = lambdaOf(fn);
    if (lambda) return partialLambda(lambda, values);
    if (typeof fn === 'function') return partialNative(fn, values);
    return fail('T1008', { position: node.position, token: name });
  };
}

const HOLE = Symbol('?');

function partialLambda(lambda: Lambda, values: readonly unknown[]): JsonataFunction {
  const frame = new Frame(lambda.frame);
  const params: string[] = [];
  lambda.params.forEach((param, i) => {
    if (values[i] === HOLE) params.push(param);
    else frame.bind(param, values[i]);
  });
  return functionOf({ params, signature: undefined, frame, input: lambda.input, body: lambda.body });
}

function partialNative(fn: unknown, values: readonly unknown[]): JsonataFunction {
  const holes = values.filter((v) => v === HOLE).length;
  const partial = function (...args: unknown[]): unknown {
    let next = 0;
    return apply(
      fn,
      values.map((v) => (v === HOLE ? args[next++] : v)),
      undefined,
    );
  } as unknown as JsonataFunction & { arity: number };
  partial.arity = holes;
  return partial;
}

/** `f ~> g` of two functions: the function that applies f, then g. */
export function chain(f: unknown, g: unknown): JsonataFunction {
  const composed = function (x: unknown): unknown {
    return apply(g, [apply(f, [x], null)], null);
  } as unknown as JsonataFunction & { arity: number };
  composed.arity = 1;
  return composed;
}
