import type { Diagnostic } from '../errors/diagnostic.js';
import type { SourceLocation } from '../model/location.js';
import type { EventLike } from './scope.js';

/** What every compiled expression is, whichever language it was written in (JSONata, DataWeave). */

/** Guardrails against runaway expressions: a request must never hang on one. */
export interface ExpressionLimits {
  readonly timeoutMs: number;
  readonly maxDepth: number;
}

/**
 * JSONata runs on the event loop, sliced (util/fair-share.ts) so that a long evaluation lets other
 * requests run between its slices; one that runs past the timeout fails with MULE:EXPRESSION.
 */
export const DEFAULT_LIMITS: ExpressionLimits = { timeoutMs: 2_000, maxDepth: 500 };

/** A JSONata expression compiled once at build time. */
export interface CompiledExpression {
  readonly source: string;
  readonly loc: SourceLocation;
  /** What the author should know but that does not stop the expression (a backtracking regex …). */
  readonly warnings: readonly Diagnostic[];
  evaluate(event: EventLike): Promise<unknown>;
  /** The media type of what `evaluate` answers, when the script declares one (DataWeave's `output`). */
  readonly mediaType?: string;
}

/** The language of inline `#[…]` expressions: the app's choice (flowrt-app.json `"expressions"`). */
export type ExpressionLanguage = 'jsonata' | 'dataweave';

/** An expression as error messages quote it: on one line, cut at 120 characters. */
export function abbreviate(source: string): string {
  const s = source.trim().replace(/\s+/g, ' ');
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
