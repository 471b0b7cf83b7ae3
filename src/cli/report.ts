import type { Diagnostic } from '../errors/diagnostic.js';
import { formatDiagnostic, sortDiagnostics } from '../errors/diagnostic.js';

/** Prints diagnostics as `path:line:col: severity: message` with code frames; returns the error count. */
export function report(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>, out: NodeJS.WritableStream = process.stderr): number {
  const sorted = sortDiagnostics(diagnostics);
  for (const d of sorted) out.write(`${formatDiagnostic(d, (file) => texts.get(file))}\n`);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  if (sorted.length > 0) out.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return errors;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
