import { boolize } from './coerce.js';
import { Frame, bound } from './frame.js';
import { run } from './budget.js';
import type { Compiler, Evaluator, Node } from './types.js';

/** `cond ? then : else`: nothing when false without an else. */
export function compileCondition(node: Node, c: Compiler): Evaluator {
  const condition = c.compile(node.condition as Node);
  const then = c.compile(node.then as Node);
  const otherwise = node.else === undefined ? undefined : c.compile(node.else as Node);
  return (input, frame) => {
    if (boolize(condition(input, frame))) return then(input, frame);
    return otherwise ? otherwise(input, frame) : undefined;
  };
}

/** `(a; b; c)`: the last value; a block that assigns gets its own frame, so its variables stay inside. */
export function compileBlock(node: Node, c: Compiler): Evaluator {
  const expressions = (node.expressions as Node[]).map((e) => c.compile(e));
  const scoped = (node.expressions as Node[]).some(assigns);
  return (input, frame) => {
    const env = scoped ? new Frame(frame) : frame;
    let result: unknown;
    for (const e of expressions) result = e(input, env);
    return result;
  };
}

/** `$x := value`: binds in the innermost frame and gives the value. */
export function compileBind(node: Node, c: Compiler): Evaluator {
  const name = (node.lhs as Node).value as string;
  const value = c.compile(node.rhs as Node);
  return (input, frame) => {
    const v = value(input, frame);
    frame.bind(name, v);
    return v;
  };
}

/** `$` is the context, `$$` the input, `$name` the innermost binding (or the caller's, a host function, a built-in). */
export function compileVariable(node: Node, c: Compiler): Evaluator {
  const name = node.value as string;
  if (name === '') return (input) => (Array.isArray(input) && (input as { outerWrapper?: boolean }).outerWrapper ? input[0] : input);
  if (name === '$' && !c.local.has('$')) return () => run.root;
  const global = (n: string) => c.global(n);
  if (c.local.has(name)) return (_input, frame) => frame.lookup(name, global);
  const value = c.global(name);
  return () => bound(name, value);
}

/** Whether evaluating `node` may bind a variable in the frame it runs in (nested blocks and lambdas have their own). */
export function assigns(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(assigns);
  if (!node || typeof node !== 'object') return false;
  const n = node as Node;
  if (n.type === 'bind') return true;
  if (n.type === 'block' || n.type === 'lambda') return false;
  for (const key of Object.keys(n)) {
    const value = n[key];
    if (value && typeof value === 'object' && !(value instanceof RegExp) && assigns(value)) return true;
  }
  return false;
}
