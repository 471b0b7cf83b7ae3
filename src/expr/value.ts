import type { Diagnostic } from '../errors/diagnostic.js';
import { warning } from '../errors/diagnostic.js';
import type { SourceLocation } from '../model/location.js';
import { advanceLocation } from '../model/location.js';
import type { CompileOptions, CompiledExpression } from './compile.js';
import { compileExpression } from './compile.js';
import type { EventLike } from './scope.js';

/**
 * How Mule reads an attribute: `expression` (required: a bare string is an expression),
 * `expression-supported` (a literal unless the whole value is `#[…]`), `template` (each `#[…]`
 * interpolated into the text), or `literal` (never evaluated).
 */
export type ValueKind = 'literal' | 'expression' | 'expression-supported' | 'template';

/** An attribute or text value ready to produce its value for an event. */
export interface Value {
  /** True when the value never depends on the event. */
  readonly constant: boolean;
  /** The value as written. */
  readonly source: string;
  evaluate(event: EventLike): Promise<unknown>;
}

export interface CompiledValue {
  readonly value?: Value;
  readonly diagnostics: Diagnostic[];
}

/** A constant value. */
export function literal(value: unknown, source = String(value)): Value {
  const resolved = Promise.resolve(value);
  return { constant: true, source, evaluate: () => resolved };
}

export function compileValue(kind: ValueKind, text: string, loc: SourceLocation, options: CompileOptions): CompiledValue {
  if (kind === 'literal') return { value: literal(text), diagnostics: [] };
  const whole = wholeExpression(text);
  if (whole) return fromExpression(compileExpression(whole.body, advanceLocation(loc, text, whole.offset), options), text);
  if (kind === 'expression') {
    return fromExpression(compileExpression(text, loc, options), text);
  }
  if (kind === 'template') return compileTemplate(text, loc, options);
  const diagnostics: Diagnostic[] = [];
  if (text.includes('#[')) {
    diagnostics.push(
      warning(
        'literal-with-expression',
        `"${text}" is read as a literal: only a value that is wholly #[…] is an expression`,
        loc,
        'wrap the whole value, e.g. #["Hello " & payload.name]',
      ),
    );
  }
  return { value: literal(text), diagnostics };
}

function fromExpression(compiled: CompiledExpression | Diagnostic, source: string): CompiledValue {
  if ('code' in compiled) return { diagnostics: [compiled] };
  return { value: { constant: false, source, evaluate: (e) => compiled.evaluate(e) }, diagnostics: [...compiled.warnings] };
}

/** `#[ … ]` spanning the whole (trimmed) text: its body and where the body starts. */
export function wholeExpression(text: string): { body: string; offset: number } | undefined {
  const start = text.length - text.trimStart().length;
  if (!text.startsWith('#[', start)) return undefined;
  const end = matchingBracket(text, start + 1);
  if (end < 0 || text.slice(end + 1).trim() !== '') return undefined;
  return { body: text.slice(start + 2, end), offset: start + 2 };
}

/**
 * Index of the `]` closing the `[` at `open`, skipping strings, backtick names and comments
 * of the JSONata inside; -1 when unbalanced.
 */
export function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(text, i, c);
      if (i < 0) return -1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function skipQuoted(text: string, at: number, quote: string): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function compileTemplate(text: string, loc: SourceLocation, options: CompileOptions): CompiledValue {
  const parts: Array<string | CompiledExpression> = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('#[', i);
    if (open < 0) break;
    const close = matchingBracket(text, open + 1);
    if (close < 0) break;
    if (open > i) parts.push(text.slice(i, open));
    const compiled = compileExpression(text.slice(open + 2, close), advanceLocation(loc, text, open + 2), options);
    if ('code' in compiled) diagnostics.push(compiled);
    else parts.push(compiled);
    i = close + 1;
  }
  if (i < text.length) parts.push(text.slice(i));
  if (diagnostics.length > 0) return { diagnostics };
  if (parts.every((p) => typeof p === 'string')) return { value: literal(text), diagnostics };
  return {
    value: {
      constant: false,
      source: text,
      async evaluate(event: EventLike): Promise<unknown> {
        // eslint-disable-next-line @typescript-eslint/await-thenable -- Promise.all takes plain values too; wrapping each literal part would only allocate
        const out = await Promise.all(parts.map((p) => (typeof p === 'string' ? p : p.evaluate(event).then(templateText))));
        return out.join('');
      },
    },
    diagnostics,
  };
}

/** How a value reads inside text: strings as they are, structures as JSON, nothing as ''. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return String(value);
}

// Mule prints a missing or null value inside a template as "null".
function templateText(value: unknown): string {
  return value === undefined || value === null ? 'null' : toText(value);
}
