/** Where something was written: 1-based line and column in a file of the app. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** The location `n` characters into `text`, which starts at `start`. */
export function advanceLocation(start: SourceLocation, text: string, n: number): SourceLocation {
  let { line, col } = start;
  for (let i = 0; i < Math.min(n, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { file: start.file, line, col };
}
