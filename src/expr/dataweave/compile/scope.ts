import type { Pos, TypeExpr } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import type { FunctionTable } from '../library/define.js';
import type { DwValue } from '../values/model.js';

/**
 * The run-time storage of one function call (or of the script itself): its local slots, and the
 * frame it was created in, for the names it closes over. Names are resolved to (hops, slot) at
 * compile time, so a variable read is a couple of property loads, never a lookup by name.
 */
export class Frame {
  constructor(
    readonly up: Frame | undefined,
    readonly s: DwValue[],
  ) {}
}

/** Compiled code: evaluates in a frame. */
export type Code = (f: Frame) => DwValue;

/** A function body at compile time: how many slots its frame needs (do-blocks and case bindings add theirs). */
export class FnScope {
  size = 0;
  constructor(readonly parent: FnScope | undefined) {}
  alloc(): number {
    return this.size++;
  }
}

export type SlotBinding = { readonly kind: 'slot'; readonly fn: FnScope; readonly index: number; readonly fun?: FunInfo };
export type Binding = SlotBinding | { readonly kind: 'const'; readonly value: DwValue };

/** What the compiler knows of a named `fun`: its parameters, to decide which arguments written with `$` are lambdas. */
export interface FunInfo {
  readonly params: ReadonlyArray<{ readonly type?: TypeExpr }>;
  /** The fewest and most arguments any of its overloads takes, to refuse a wrong call at load. */
  readonly arity: readonly [number, number];
}

/** Where names are looked up: header declarations, parameters, case bindings; nested as the script nests them. */
export class Scope {
  private readonly names = new Map<string, Binding>();
  readonly modules = new Map<string, FunctionTable>();
  readonly namespaces = new Map<string, string>();
  readonly types = new Map<string, TypeExpr>();

  constructor(
    readonly parent: Scope | undefined,
    readonly fn: FnScope,
    readonly lib: Library,
  ) {}

  /** A nested scope in the same frame (a do-block, a case binding). */
  child(): Scope {
    return new Scope(this, this.fn, this.lib);
  }

  /** A scope where a declaration's type parameters (`fun f<T>(a: T)`) stand for any type. */
  generic(typeParams: readonly string[], at: Pos): Scope {
    if (typeParams.length === 0) return this;
    const sc = this.child();
    for (const t of typeParams) sc.types.set(t, { kind: 'named', at, name: 'Any', args: [] });
    return sc;
  }

  /** A scope for a function body: a new frame. */
  function(): Scope {
    return new Scope(this, new FnScope(this.fn), this.lib);
  }

  declare(name: string, fun?: FunInfo): SlotBinding {
    const b: SlotBinding = { kind: 'slot', fn: this.fn, index: this.fn.alloc(), ...(fun && { fun }) };
    this.names.set(name, b);
    return b;
  }

  constant(name: string, value: DwValue): void {
    this.names.set(name, { kind: 'const', value });
  }

  find(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names.get(name);
      if (b) return b;
    }
    return undefined;
  }

  module(alias: string): FunctionTable | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const m = s.modules.get(alias);
      if (m) return m;
    }
    return undefined;
  }

  namespace(prefix: string): string | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const u = s.namespaces.get(prefix);
      if (u !== undefined) return u;
    }
    return undefined;
  }

  type(name: string): TypeExpr | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const t = s.types.get(name);
      if (t) return t;
    }
    return undefined;
  }

  /** Every name visible here (for did-you-mean). */
  visible(): string[] {
    const out = new Set<string>();
    for (let s: Scope | undefined = this; s; s = s.parent) for (const n of s.names.keys()) out.add(n);
    for (const n of Object.keys(this.lib.core)) out.add(n);
    return [...out];
  }

  /** How many frames up from this scope's frame the binding's frame is. */
  hops(b: SlotBinding): number {
    let n = 0;
    for (let f: FnScope | undefined = this.fn; f && f !== b.fn; f = f.parent) n++;
    return n;
  }
}

/** The functions a script can call: dw::Core and the modules it may import. */
export interface Library {
  readonly core: FunctionTable;
  readonly modules: (name: string) => FunctionTable | undefined;
}

/** Code reading a slot `hops` frames up. */
export function slotReader(hops: number, index: number): Code {
  switch (hops) {
    case 0:
      return (f) => f.s[index]!;
    case 1:
      return (f) => f.up!.s[index]!;
    case 2:
      return (f) => f.up!.up!.s[index]!;
    default:
      return (f) => {
        let fr = f;
        for (let i = 0; i < hops; i++) fr = fr.up!;
        return fr.s[index]!;
      };
  }
}

/** An unknown name, with the closest known one as the hint. */
export function unknown(what: string, name: string, at: Pos, candidates: readonly string[]): DataWeaveCompileError {
  const best = closest(name, candidates);
  return new DataWeaveCompileError(`Unable to resolve reference of: ${name} (${what})`, at, best && `did you mean '${best}'?`);
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
