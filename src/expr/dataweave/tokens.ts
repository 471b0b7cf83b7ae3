import type { Pos, TemporalType } from './ast.js';

/** A piece of a string literal: text, or what `$(expr)`, `$name`, `$`/`$$`/`$$$` interpolate. */
export type StringPart =
  string | { kind: 'expr'; src: string; at: Pos } | { kind: 'name'; name: string; at: Pos } | { kind: 'anon'; depth: 1 | 2 | 3; at: Pos };

export type TokenType = 'name' | 'number' | 'string' | 'temporal' | 'regex' | 'punct' | 'raw' | 'eof' | 'error';

export interface Token {
  readonly type: TokenType;
  /** The source text (for a number, exactly as written; for a regex, the pattern; for an error, the message). */
  readonly text: string;
  readonly at: Pos;
  readonly start: number;
  readonly end: number;
  /** Whether whitespace or a comment precedes it: `f(x)` is a call, `f (x)` is not. */
  readonly spaceBefore: boolean;
  readonly parts?: StringPart[];
  readonly temporal?: TemporalType;
}

/** Longest first, so that `---` wins over `--` and `..*` over `..`. */
export const PUNCTUATORS = [
  '---',
  '..*',
  '.*@',
  '$$$',
  '$$',
  '++',
  '--',
  '->',
  '==',
  '!=',
  '~=',
  '<=',
  '>=',
  '>>',
  '<<',
  '..',
  '.*',
  '.@',
  '.#',
  '.^',
  '.',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '!',
  '?',
  '@',
  '#',
  '^',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ',',
  ':',
  '$',
  '=',
  '%',
  '|',
  '&',
];

const TEMPORAL_FORMS: ReadonlyArray<[RegExp, TemporalType]> = [
  [/^-?P(\d+[YMWD])*(T(\d+(\.\d+)?[HMS])+)?$/, 'Period'],
  [/^\d{4}-\d{2}-\d{2}$/, 'Date'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, 'LocalDateTime'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(\[[\w/+-]+\])?$/, 'DateTime'],
  [/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, 'LocalTime'],
  [/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, 'Time'],
  [/^(Z|[+-]\d{2}(:?\d{2})?)$/, 'TimeZone'],
  // A region: |America/Argentina/Buenos_Aires|, |Etc/UTC|.
  [/^[A-Z][A-Za-z_]*(\/[A-Za-z0-9_+-]+)+$/, 'TimeZone'],
];

/** DataWeave's type for the text between the bars of a `|…|` literal, or undefined when it is none. */
export function temporalType(text: string): TemporalType | undefined {
  return TEMPORAL_FORMS.find(([re]) => re.test(text))?.[1];
}

/** Whether `|` at this point opens a date/time literal rather than a union type's bar. */
export const TEMPORAL_START = /^\|(?:(?:\d|-?P[\dT]|[+-]\d{2}|[A-Z][A-Za-z_]*\/)[^|\n]*|Z)\|/;
