import type { AstNode } from '../../ast.js';
import { processAst } from './process-ast.js';
import { parseRaw } from './pratt.js';

/**
 * JSONata's processed parse tree for `source`, deep-equal to the library's
 * `jsonata(source).ast()` (test/expr/jsonata/parse.test.ts checks it on JSONata's whole suite),
 * or undefined where the library must parse: a syntax error, whose exact message and position
 * only the library gives, or a construct left to it (a lambda's signature).
 *
 * The library rebuilds its whole Pratt symbol table on every parse, ~0.3–0.7 ms an expression:
 * at the start of a 50-flow app, with ~450 expressions, a fifth of the start time (issue 17).
 *
 * @example parseJsonataAst('payload.items[price > 10]')?.type // 'path'
 */
export function parseJsonataAst(source: string): AstNode | undefined {
  try {
    const ast = processAst(parseRaw(source));
    // A `%` that finds no parent is the library's S0217.
    if (ast.type === 'parent' || ast.seekingParent !== undefined) return undefined;
    return ast as AstNode;
  } catch {
    return undefined;
  }
}
