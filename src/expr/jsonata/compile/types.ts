import type { Frame } from './frame.js';

/** A node of JSONata's parse tree after the library's post-processing (`jsonata(src).ast()`). */
export interface Node {
  readonly type: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly [key: string]: unknown;
}

/** What every node compiles to: a synchronous function of the context value and the variable frame. */
export type Evaluator = (input: unknown, frame: Frame) => unknown;

/** What a node's compiler reaches: the compiler of its children and what the expression runs with. */
export interface Compiler {
  compile(node: Node): Evaluator;
  /** The value of a `$name` no part of the expression binds: a host function or a built-in, else undefined. */
  global(name: string): unknown;
  /** Names some part of the expression binds (`:=`, parameters, `@$x`, `#$i`): only these are looked up in frames. */
  readonly local: ReadonlySet<string>;
  /** How deep the node being compiled sits in its lambda's body (or the expression), as the library counts depth. */
  readonly depth: number;
  /** Compiles a lambda's body: depths inside it count from its root. */
  body(node: Node): Evaluator;
  /** The regex engine literals run on (flowrt's LinearRegExp). */
  readonly regex: RegexEngine;
}

export type RegexEngine = new (pattern: RegExp) => { lastIndex: number; exec(input: string): RegExpExecArray | null };
