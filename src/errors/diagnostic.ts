import type { SourceLocation } from '../model/location.js';
import { formatLocation } from '../model/location.js';
import type { DiagnosticCode } from './diagnostic-codes.js';

/**
 * A problem found while loading an app (parse, graph or build stage). Diagnostics are
 * collected and reported together, never thrown one by one.
 */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `unknown-attribute`. */
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly loc?: SourceLocation;
  /** What to do about it. */
  readonly hint?: string;
  readonly severity: 'error' | 'warning';
}

export function error(code: DiagnosticCode, message: string, loc?: SourceLocation, hint?: string): Diagnostic {
  return { code, message, loc, hint, severity: 'error' };
}

export function warning(code: DiagnosticCode, message: string, loc?: SourceLocation, hint?: string): Diagnostic {
  return { code, message, loc, hint, severity: 'warning' };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by file, line, column so that a report reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.loc?.file ?? '';
    const fb = b.loc?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.col ?? 0) - (b.loc?.col ?? 0);
  });
}

/**
 * `path:line:col: error: message` followed, when the source text is known, by a code frame
 * with a caret under the column, and the hint.
 */
export function formatDiagnostic(d: Diagnostic, sourceOf?: (file: string) => string | undefined): string {
  const where = d.loc ? `${formatLocation(d.loc)}: ` : '';
  // The code last, as linters print their rule: stable for scripts to match, out of the reader's way.
  const lines = [`${where}${d.severity}: ${d.message} [${d.code}]`];
  const text = d.loc && sourceOf?.(d.loc.file);
  if (d.loc && text !== undefined && text !== '') lines.push(codeFrame(text, d.loc.line, d.loc.col));
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

function codeFrame(text: string, line: number, col: number): string {
  const all = text.split(/\r\n|\r|\n/);
  const from = Math.max(1, line - 1);
  const to = Math.min(all.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const mark = n === line ? '>' : ' ';
    out.push(`  ${mark} ${String(n).padStart(width)} | ${all[n - 1] ?? ''}`);
    // Tabs stay tabs under the caret, so it lines up however the terminal expands them.
    const pad = (all[n - 1] ?? '').slice(0, Math.max(0, col - 1)).replace(/[^\t]/g, ' ');
    if (n === line) out.push(`    ${' '.repeat(width)} | ${pad}^`);
  }
  return out.join('\n');
}
