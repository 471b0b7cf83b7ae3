import { walkAst } from './ast.js';

/** Where the DataWeave→JSONata porting guide lives, for diagnostics. */
export const PORTING_GUIDE = 'docs/dataweave-to-jsonata.md';

const DW_HEADER = /^\s*%dw\s+\d/;
const DW_SEPARATOR = /^\s*---\s*$/m;
const DW_OUTPUT = /^\s*(output|input|import|ns|type|fun|var)\s+\S/;

/** Line (0-based) of a DataWeave header in a script, or -1 when it does not look like DataWeave. */
export function dataWeaveLine(script: string): number {
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (DW_HEADER.test(line) || (DW_OUTPUT.test(line) && DW_SEPARATOR.test(script))) return i;
    break;
  }
  if (/^\s*output\s+[\w*]+\/[\w.+*-]+.*---/s.test(script)) return 0;
  return -1;
}

const HINTS: ReadonlyArray<[RegExp, string]> = [
  [/==/, 'JSONata compares with = (not ==)'],
  [/\+\+/, 'JSONata joins strings with & and arrays with $append() (not ++)'],
  [/\bdefault\b/, 'write $default(value, fallback) instead of DataWeave\'s "value default fallback"'],
  [/\bif\s*\(/, 'JSONata uses condition ? a : b instead of if (…) … else …'],
  [/\bmap\s*\(\s*\(/, 'JSONata maps with $map(array, function($v, $i) { … }) or a path step, not "map ((item) -> …)"'],
  [/->/, 'JSONata functions are written function($x) { … }, not (x) -> …'],
  [/^\s*output\s/, "JSONata has no output directive: the result's type decides the media type"],
];

/** Porting hints for an expression that failed to compile and looks like DataWeave. */
export function dataWeaveHints(source: string): string | undefined {
  const found = HINTS.filter(([re]) => re.test(source)).map(([, hint]) => hint);
  if (found.length === 0) return undefined;
  return `this looks like DataWeave; flowrt expressions are JSONata: ${found.join('; ')} (see ${PORTING_GUIDE})`;
}

/** DataWeave functions a porting user is likely to call, and what JSONata has instead. */
const DW_FUNCTIONS: Readonly<Record<string, string>> = {
  sizeOf: '$count',
  p: '$p',
  upper: '$uppercase',
  lower: '$lowercase',
  now: '$now',
  uuid: '$uuid',
  isEmpty: '$count(x) = 0 or $not($exists(x))',
  contains: '$contains',
  splitBy: '$split',
  joinBy: '$join',
  trim: '$trim',
  abs: '$abs',
  round: '$round',
  floor: '$floor',
  ceil: '$ceil',
  max: '$max',
  min: '$min',
  sum: '$sum',
  avg: '$average',
  keysOf: '$keys',
  typeOf: '$type',
  write: '$string',
  read: '$eval (never on request data)',
  orderBy: '$sort',
  distinctBy: '$distinct',
  replace: '$replace',
  matches: '$match',
  flatten: '$reduce(x, $append)',
  log: '(no equivalent; use <logger>)',
};

/**
 * Calls of a plain name, like DataWeave's `sizeOf(x)`: valid JSONata syntax, but a call of a
 * field that always fails at run time. Found at load so that it never reaches a request.
 */
export function plainNameCalls(ast: unknown): Array<{ name: string; position: number; hint: string }> {
  const out: Array<{ name: string; position: number; hint: string }> = [];
  walkAst(ast, (n) => {
    const steps = n.procedure?.steps;
    if ((n.type === 'function' || n.type === 'partial') && n.procedure?.type === 'path' && steps?.length === 1 && steps[0]!.type === 'name') {
      const name = String(steps[0]!.value);
      const instead = DW_FUNCTIONS[name];
      out.push({
        name,
        position: n.position ?? 0,
        hint: instead
          ? `DataWeave's ${name}() is ${instead} in JSONata (see ${PORTING_GUIDE})`
          : `JSONata function names start with $, e.g. $${name}(…) for a function you bound`,
      });
    }
  });
  return out;
}
