import { describe, expect, it } from 'vitest';
import type { Case } from '../helpers/jsonata-suite.js';
import { inputOf, suite } from '../helpers/jsonata-suite.js';
import { newJsonata } from '../../src/expr/compile.js';

/*
 * JSONata's own language suite (test/fixtures/jsonata-suite.json, from scripts/vendor-jsonata-suite.mjs)
 * run through the JSONata flowrt builds: with its linear-time regex engine and the step hook that
 * slices long evaluations. A case that differs from the reference is a bug in what flowrt adds.
 */

async function outcome(c: Case): Promise<{ result?: unknown; code?: string }> {
  const input = inputOf(c);
  try {
    const expr = newJsonata(c.expr!, { timeoutMs: c.timelimit ?? 0, maxDepth: c.depth ?? 0 });
    const value = await expr.evaluate(input, c.bindings ?? {});
    return { result: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    // The reference harness reports its depth and time limits as U1001; JSONata's own are D1011, D1012.
    return { code: (c.timelimit !== undefined || c.depth !== undefined) && (code === 'D1011' || code === 'D1012') ? 'U1001' : code };
  }
}

describe.each(Object.keys(suite.groups))('JSONata suite: %s', (group) => {
  const cases = suite.groups[group]!.filter((c) => c.expr !== undefined);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = await outcome(c);
    const code = c.code ?? c.error?.code;
    if (code !== undefined) expect(got.code).toBe(code);
    else if (c.undefinedResult) expect(got).toEqual({ result: undefined });
    else expect(got).toEqual({ result: c.result });
  });
});
