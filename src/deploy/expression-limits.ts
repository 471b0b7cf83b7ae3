import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { ExpressionLimits } from '../expr/compile.js';
import { DEFAULT_LIMITS } from '../expr/compile.js';

/**
 * The app's expression limits, from its properties (config.yaml, --prop …):
 * `flowrt.expression.timeoutMs` (2000) bounds one evaluation's wall-clock time, and
 * `flowrt.expression.maxDepth` (500) how deep its evaluation may nest (recursion).
 */
export function expressionLimits(property: (name: string) => string | undefined): { limits: ExpressionLimits; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read = (name: string, fallback: number): number => {
    const text = property(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1) return n;
    diagnostics.push(
      error('invalid-property', `${name} "${text}" is not a whole number of at least 1`, undefined, `leave it out for the default, ${fallback}`),
    );
    return fallback;
  };
  const limits = {
    timeoutMs: read('flowrt.expression.timeoutMs', DEFAULT_LIMITS.timeoutMs),
    maxDepth: read('flowrt.expression.maxDepth', DEFAULT_LIMITS.maxDepth),
  };
  return { limits, diagnostics };
}
