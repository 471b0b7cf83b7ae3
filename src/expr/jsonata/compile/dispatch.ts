import { compileLambda, compilePartial, chain } from './lambdas.js';
import { compileApply, compileCall } from './calls.js';
import { compileBind, compileBlock, compileCondition, compileVariable } from './control.js';
import { compileArray, compileGrouping, compileObject } from './objects.js';
import { compileBinary, compileNegation } from './operators.js';
import { compilePath } from './paths.js';
import { compileRegex } from './regex.js';
import { collapse } from './sequence.js';
import { compileFilter } from './stages.js';
import { compileTransform } from './transform.js';
import { compileDescendants, compileName, compileWildcard } from './names.js';
import type { Compiler, Evaluator, Node } from './types.js';
import { Unsupported } from './signals.js';

type NodeCompiler = (node: Node, c: Compiler) => Evaluator;

/** One compiler per node type of the library's post-processed tree. */
const COMPILERS: Readonly<Record<string, NodeCompiler>> = {
  path: compilePath,
  binary: compileBinary,
  unary: (node, c) => (node.value === '-' ? compileNegation(node, c) : node.value === '[' ? compileArray(node, c) : compileObject(node, c)),
  name: compileName,
  string: literal,
  number: literal,
  value: literal,
  wildcard: compileWildcard,
  descendant: compileDescendants,
  parent: (node) => {
    const label = (node.slot as { label: string }).label;
    return (_input, frame) => frame.lookup(label, () => undefined);
  },
  condition: compileCondition,
  block: compileBlock,
  bind: compileBind,
  regex: compileRegex,
  function: (node, c) => compileCall(node, c),
  variable: compileVariable,
  lambda: compileLambda,
  partial: compilePartial,
  apply: (node, c) => compileApply(node, c, chain),
  transform: compileTransform,
};

/** Node types whose value is never a sequence: they skip the collapse every other value goes through. */
const PLAIN = new Set(['string', 'number', 'value', 'regex', 'lambda', 'transform', 'unary', 'condition']);

/** A node compiled, with what the library does after every node: predicates, grouping, sequence collapse. */
export function compileNode(node: Node, c: Compiler): Evaluator {
  const compiler = COMPILERS[node.type];
  if (!compiler) throw new Unsupported(`node type ${node.type}`);
  let run = compiler(node, c);
  const predicates = node.predicate as Array<{ expr: Node }> | undefined;
  if (predicates) {
    const filters = predicates.map((p) => compileFilter(p.expr, c));
    const core = run;
    run = (input, frame) => {
      let result = core(input, frame);
      for (const filter of filters) result = filter(result, frame);
      return result;
    };
  }
  if (node.type !== 'path' && node.group) {
    const group = compileGrouping(node.group as Node, c);
    const core = run;
    run = (input, frame) => group(core(input, frame), frame);
  }
  if (predicates || node.keepArray || !plain(node)) {
    const keep = node.keepArray === true;
    const core = run;
    run = (input, frame) => collapse(core(input, frame), keep);
  }
  return run;
}

function plain(node: Node): boolean {
  if (node.type === 'binary') return node.value !== '..';
  if (node.type === 'condition') return false;
  if (node.type === 'lambda') return node.thunk !== true;
  return PLAIN.has(node.type);
}

function literal(node: Node): Evaluator {
  const value = node.value;
  return () => value;
}
