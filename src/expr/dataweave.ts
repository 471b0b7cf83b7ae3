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
  [/\[\s*['"][^'"\]]*-[^'"\]]*['"]\s*\]/, 'select a field with a dash as `x-a` in backticks (headers.`x-a`), not [\'x-a\']'],
  [/\bif\s*\(/, 'JSONata uses condition ? a : b instead of if (…) … else …'],
  [/\bmap\s*\(\s*\(/, 'JSONata maps with $map(array, function($v, $i) { … }) or a path step, not "map ((item) -> …)"'],
  [/->/, 'JSONata functions are written function($x) { … }, not (x) -> …'],
  [/^\s*output\s/, 'JSONata has no output directive: the result\'s type decides the media type'],
];

/** Porting hints for an expression that failed to compile and looks like DataWeave. */
export function dataWeaveHints(source: string): string | undefined {
  const found = HINTS.filter(([re]) => re.test(source)).map(([, hint]) => hint);
  if (found.length === 0) return undefined;
  return `this looks like DataWeave; flowrt expressions are JSONata: ${found.join('; ')} (see ${PORTING_GUIDE})`;
}
