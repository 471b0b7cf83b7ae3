import type { Directive, Expr } from '../ast.js';
import type { Code, Frame, Scope } from './scope.js';

type HeaderCompiler = (header: readonly Directive[], sc: Scope, compile: (e: Expr, sc: Scope) => Code) => Array<(f: Frame) => void>;

/**
 * Compilers needed where importing them would close a cycle: a `do` in tail position (tail.ts)
 * compiles its header, and the header compiler (header.ts) compiles functions, which compile their
 * tails. header.ts fills this in when it loads.
 */
export const late: { compileHeader?: HeaderCompiler } = {};
