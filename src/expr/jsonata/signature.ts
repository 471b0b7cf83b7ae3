import { fail } from './compile/errors.js';

/*
 * JSONata function signatures (`<s-nn?:s>`, docs: "Function signatures"): each argument's type
 * is a symbol — s string, n number, b boolean, l null, o object, a array, f function, j any JSON,
 * x anything, (…) a choice — followed by `?` (optional), `+` (one or more) or `-` (the context
 * value when the argument is left out); `a<n>` and `f<…>` add a subtype. Like the library, the
 * arguments' own symbols are matched against a regular expression made of the parameters', which
 * settles optional and repeated ones; a non-array where an array is expected becomes an array of one.
 */

interface Param {
  regex: string;
  type: string;
  array?: boolean;
  context?: boolean;
  contextRegex?: RegExp;
  subtype?: string;
}

export interface Signature {
  readonly definition: string;
  /** The arguments as the function receives them (context substituted, arrays wrapped), or T0410/T0411/T0412. */
  validate(args: readonly unknown[], context: unknown): unknown[];
}

const ARRAY_TYPES: Readonly<Record<string, string>> = { a: 'arrays', b: 'booleans', f: 'functions', n: 'numbers', o: 'objects', s: 'strings' };

const cache = new Map<string, Signature>();

/** The parsed signature, once per distinct text. */
export function signatureOf(definition: string): Signature {
  let sig = cache.get(definition);
  if (!sig) {
    sig = parseSignature(definition);
    cache.set(definition, sig);
  }
  return sig;
}

export function parseSignature(definition: string): Signature {
  const params = parseParams(definition);
  const regex = new RegExp('^' + params.map((p) => `(${p.regex})`).join('') + '$');
  const positional = positionalCheck(params);
  return {
    definition,
    validate(args, context) {
      const direct = positional?.(args);
      if (direct) return direct;
      let symbols = '';
      for (const arg of args) symbols += symbolOf(arg);
      const matched = regex.exec(symbols);
      if (!matched) return refuse(params, args, symbols);
      const out: unknown[] = [];
      let at = 0;
      params.forEach((param, p) => {
        const match = matched[p + 1]!;
        if (match === '') {
          if (param.context && param.contextRegex) {
            if (!param.contextRegex.test(symbolOf(context))) fail('T0411', { value: context, index: at + 1 });
            out.push(context);
          } else {
            out.push(args[at]);
            at++;
          }
          return;
        }
        for (const single of match) {
          let arg = args[at];
          if (param.type === 'a') {
            if (single === 'm') arg = undefined;
            else {
              if (!arrayMatches(param, single, match, arg)) fail('T0412', { value: arg, index: at + 1, type: ARRAY_TYPES[param.subtype!] });
              if (single !== 'a') arg = [arg];
            }
          }
          out.push(arg);
          at++;
        }
      });
      return out;
    },
  };
}

/**
 * For a signature without context (`-`) or repeated (`+`) parameters, whose optional ones all come
 * last, the regular expression can only match argument by argument: checks them so, without
 * building the symbol string. Answers undefined when the arguments do not fit, for the general
 * path to refuse them with the library's error.
 */
function positionalCheck(params: readonly Param[]): ((args: readonly unknown[]) => unknown[] | undefined) | undefined {
  const allowed: string[] = [];
  let required = 0;
  for (const p of params) {
    const m = /^(\[([a-z]+)\]|([a-z]))(\?)?$/.exec(p.regex);
    if (!m || p.context) return undefined;
    if (m[4] === undefined) {
      if (required < allowed.length) return undefined;
      required++;
    }
    allowed.push(m[2] ?? m[3]!);
  }
  return (args) => {
    if (args.length < required || args.length > params.length) return undefined;
    let out: unknown[] | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const single = symbolOf(arg);
      if (!allowed[i]!.includes(single)) return undefined;
      const param = params[i]!;
      if (param.type !== 'a' || single === 'a' || single === 'm') {
        if (param.type === 'a' && param.subtype !== undefined && single === 'a' && !arrayMatches(param, single, single, arg)) return undefined;
        continue;
      }
      if (!arrayMatches(param, single, single, arg)) return undefined;
      out ??= args.slice();
      out[i] = [arg];
    }
    return out ?? (args as unknown[]);
  };
}

function arrayMatches(param: Param, single: string, match: string, arg: unknown): boolean {
  if (param.subtype === undefined) return true;
  if (single !== 'a') return match === param.subtype;
  const items = arg as unknown[];
  if (items.length === 0) return true;
  const first = symbolOf(items[0]);
  return first === param.subtype.charAt(0) && items.every((v) => symbolOf(v) === first);
}

/** Which argument broke the signature: the first the parameters' patterns, applied in turn, stop matching. */
function refuse(params: readonly Param[], args: readonly unknown[], symbols: string): never {
  let pattern = '^';
  let goodTo = 0;
  for (const param of params) {
    pattern += param.regex;
    const m = new RegExp(pattern).exec(symbols);
    if (m === null) break;
    goodTo = m[0].length;
  }
  return fail('T0410', { value: args[goodTo], index: goodTo + 1 });
}

/** The type symbol of a value; `m` (missing) for undefined, which every parameter accepts. */
export function symbolOf(value: unknown): string {
  switch (typeof value) {
    case 'function':
      return 'f';
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      return value === null ? 'l' : Array.isArray(value) ? 'a' : 'o';
    default:
      return 'm';
  }
}

function parseParams(definition: string): Param[] {
  const params: Param[] = [];
  let previous: Param | undefined;
  const push = (param: Param) => {
    params.push(param);
    previous = param;
  };
  for (let i = 1; i < definition.length; i++) {
    const symbol = definition.charAt(i);
    if (symbol === ':') break;
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        push({ regex: `[${symbol}m]`, type: symbol });
        break;
      case 'a':
        push({ regex: '[asnblfom]', type: symbol, array: true });
        break;
      case 'f':
        push({ regex: 'f', type: symbol });
        break;
      case 'j':
        push({ regex: '[asnblom]', type: symbol });
        break;
      case 'x':
        push({ regex: '[asnblfom]', type: symbol });
        break;
      case '-':
        if (previous) {
          previous.context = true;
          previous.contextRegex = new RegExp(previous.regex);
          previous.regex += '?';
        }
        break;
      case '?':
      case '+':
        if (previous) previous.regex += symbol;
        break;
      case '(': {
        const end = closing(definition, i, '(', ')');
        const choice = definition.substring(i + 1, end);
        if (choice.includes('<')) fail('S0402', { value: choice });
        push({ regex: `[${choice}m]`, type: `(${choice})` });
        i = end;
        break;
      }
      case '<': {
        if (!previous || (previous.type !== 'a' && previous.type !== 'f')) fail('S0401', { value: previous?.type });
        const end = closing(definition, i, '<', '>');
        previous.subtype = definition.substring(i + 1, end);
        i = end;
        break;
      }
    }
  }
  return params;
}

function closing(text: string, start: number, open: string, close: string): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    i++;
    const c = text.charAt(i);
    if (c === close) {
      if (--depth === 0) break;
    } else if (c === open) depth++;
  }
  return i;
}
