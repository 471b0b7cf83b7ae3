import { BUILTINS } from '../functions/index.js';
import type { JsonataFunction } from '../values.js';
import { nativeOf } from './apply.js';
import { begin, restore } from './budget.js';
import { compileNode } from './dispatch.js';
import { jsonataError } from './errors.js';
import { Frame } from './frame.js';
import { LIBRARY_FUNCTIONS, NEVER_COMPILED } from './library-names.js';
import { isSeq, seqOf } from './sequence.js';
import type { Compiler, Node, RegexEngine } from './types.js';
import { Unsupported } from './signals.js';

export { StepAside, Unsupported } from './signals.js';
export type { RegexEngine } from './types.js';

/** A function the host adds (flowrt's $p, $default …): a synchronous JavaScript function, with an optional signature. */
export interface HostFunction {
  readonly name: string;
  readonly impl: (...args: never[]) => unknown;
  readonly signature?: string;
}

export interface JsonataOptions {
  readonly functions: readonly HostFunction[];
  readonly regex: RegexEngine;
  readonly timeoutMs: number;
  readonly maxDepth: number;
  /** Past this many milliseconds an evaluation throws {@link StepAside} (absent or 0: it runs to the end). */
  readonly sliceMs?: number;
}

/** A JSONata expression compiled to closures: synchronous, and as the library evaluates it. */
export interface CompiledJsonata {
  /**
   * The result (sequences included, as the library answers), or a JsonataError. Throws
   * {@link Unsupported} if it meets an async function, {@link StepAside} past its slice.
   */
  evaluate(input: unknown, bindings?: Readonly<Record<string, unknown>>): unknown;
}

const BUILTIN_VALUES = new Map<string, JsonataFunction>(Object.entries(BUILTINS).map(([name, b]) => [name, nativeOf(b.impl, b.signature)]));

/**
 * Compiles the parse tree `ast` (`jsonata(src).ast()`), or answers why it cannot (a construct or a
 * function the compiler does not cover), for the caller to run the library instead.
 */
export function compileJsonata(ast: unknown, options: JsonataOptions): CompiledJsonata | Unsupported {
  const host = new Map<string, JsonataFunction>();
  for (const fn of options.functions) {
    if (fn.impl.constructor.name === 'AsyncFunction') return new Unsupported(`async host function $${fn.name}`);
    host.set(fn.name, nativeOf(fn.impl, fn.signature));
  }
  const local = boundNames(ast);
  for (const name of freeVariables(ast, local)) {
    if (NEVER_COMPILED.has(name) && !host.has(name)) return new Unsupported(`$${name}`);
    if (LIBRARY_FUNCTIONS.has(name) && !host.has(name) && !BUILTIN_VALUES.has(name) && name !== 'clone') return new Unsupported(`$${name}`);
  }
  let depth = 0;
  const compiler: Compiler = {
    compile(node: Node) {
      depth++;
      try {
        return compileNode(node, compiler);
      } finally {
        depth--;
      }
    },
    get depth() {
      return depth;
    },
    body(node: Node) {
      const outer = depth;
      depth = 0;
      try {
        return compiler.compile(node);
      } finally {
        depth = outer;
      }
    },
    global: (name) => host.get(name) ?? BUILTIN_VALUES.get(name),
    local,
    regex: options.regex,
  };
  let root;
  try {
    root = compiler.compile(ast as Node);
  } catch (e) {
    if (e instanceof Unsupported) return e;
    throw e;
  }
  const { timeoutMs, maxDepth, sliceMs } = options;
  return {
    evaluate(input, bindings) {
      const saved = begin(input, bindings, timeoutMs, maxDepth, sliceMs);
      try {
        // A JSON array as input is one value, not a sequence to map over (the library's outer wrapper).
        let context = input;
        if (Array.isArray(input) && !isSeq(input)) {
          context = seqOf(input);
          (context as { outerWrapper?: boolean }).outerWrapper = true;
        }
        return root(context, new Frame(undefined));
      } catch (e) {
        if (e instanceof RangeError && /call stack/i.test(e.message)) throw jsonataError('D1011', { value: maxDepth });
        throw e;
      } finally {
        restore(saved);
      }
    },
  };
}

/** Names the expression binds somewhere: `:=`, lambda parameters, `@$x`, `#$i`, and the labels `%` reads. */
function boundNames(ast: unknown): Set<string> {
  const names = new Set<string>();
  walk(ast, (node) => {
    if (node.type === 'bind') names.add((node.lhs as Node).value as string);
    if (node.type === 'lambda') for (const p of (node.arguments as Node[] | undefined) ?? []) names.add(p.value as string);
    if (typeof node.focus === 'string') names.add(node.focus);
    if (typeof node.index === 'string') names.add(node.index);
    if (node.type === 'index' && typeof node.value === 'string') names.add(node.value);
  });
  return names;
}

function freeVariables(ast: unknown, local: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  walk(ast, (node) => {
    if (node.type === 'variable' && typeof node.value === 'string' && !local.has(node.value)) names.add(node.value);
  });
  return names;
}

function walk(ast: unknown, visit: (node: Node) => void, seen = new Set<object>()): void {
  if (!ast || typeof ast !== 'object' || ast instanceof RegExp || seen.has(ast)) return;
  seen.add(ast);
  if (Array.isArray(ast)) {
    for (const item of ast) walk(item, visit, seen);
    return;
  }
  if (typeof (ast as Node).type === 'string') visit(ast as Node);
  for (const value of Object.values(ast)) walk(value, visit, seen);
}
