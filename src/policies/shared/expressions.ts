import { createLibrary } from '../../expr/functions.js';
import type { Value } from '../../expr/value.js';
import { compileValue } from '../../expr/value.js';
import { PolicyConfigError } from './policy.js';

const library = createLibrary({ property: () => undefined });
const nowhere = { file: 'api-manager', line: 1, col: 1 };

/**
 * A configuration value that may be `#[…]` (JSONata, as in flows), compiled once when the policy
 * is built; a syntax error is a configuration problem at `path`.
 */
export function policyValue(text: string, path: string, kind: 'expression' | 'expression-supported' = 'expression-supported'): Value {
  const compiled = compileValue(kind, text, nowhere, { library });
  const problem = compiled.diagnostics.find((d) => d.severity === 'error');
  if (problem || !compiled.value) throw new PolicyConfigError(`${problem?.message ?? 'invalid expression'}${problem?.hint ? ` (${problem.hint})` : ''}`, path);
  return compiled.value;
}
