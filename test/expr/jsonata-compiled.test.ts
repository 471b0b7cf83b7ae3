import jsonata from 'jsonata';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case } from '../helpers/jsonata-suite.js';
import { inputOf, suite } from '../helpers/jsonata-suite.js';
import { newJsonata } from '../../src/expr/compile.js';
import { compileJsonata, Unsupported } from '../../src/expr/jsonata/compile/index.js';
import { LinearRegExp } from '../../src/expr/linear-regex.js';
import { STRING_FUNCTIONS } from '../../src/expr/string-functions.js';

/*
 * JSONata's own suite through the compiled evaluator: on every case the library gets right, the
 * compiled expression must give the same result or error code. Cases the compiler leaves to the
 * library (a construct or a function it does not cover) are counted, and the count of compiled
 * ones may not drop.
 */

interface Outcome {
  result?: unknown;
  code?: string;
}

/** Every case but syntax errors (the library reports them) and $eval: a drop means something stopped compiling. */
const MIN_COMPILED = 1633;

function codeOf(c: Case, e: unknown): string {
  const code = (e as { code?: string }).code ?? String(e);
  return (c.timelimit !== undefined || c.depth !== undefined) && (code === 'D1011' || code === 'D1012') ? 'U1001' : code;
}

function expected(c: Case): Outcome {
  const code = c.code ?? c.error?.code;
  if (code !== undefined) return { code };
  return { result: c.undefinedResult ? undefined : c.result };
}

function matches(c: Case, got: Outcome): boolean {
  const want = expected(c);
  if (want.code !== undefined) return got.code === want.code;
  try {
    expect(got).toEqual({ result: want.result });
    return true;
  } catch {
    return false;
  }
}

async function library(c: Case): Promise<Outcome> {
  try {
    const value = await newJsonata(c.expr!, { timeoutMs: c.timelimit ?? 0, maxDepth: c.depth ?? 0 }).evaluate(inputOf(c), c.bindings ?? {});
    return { result: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    return { code: codeOf(c, e) };
  }
}

/** The compiled outcome, or the reason the case is left to the library. */
function compiled(c: Case): Outcome | Unsupported {
  let ast: unknown;
  try {
    ast = jsonata(c.expr!).ast();
  } catch {
    return new Unsupported('syntax error (the library parses)');
  }
  const expr = compileJsonata(ast, {
    functions: STRING_FUNCTIONS,
    regex: LinearRegExp as never,
    timeoutMs: c.timelimit ?? 0,
    maxDepth: c.depth ?? 0,
  });
  if (expr instanceof Unsupported) return expr;
  try {
    const value = expr.evaluate(inputOf(c), c.bindings ?? {});
    return { result: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    if (e instanceof Unsupported) return e;
    return { code: codeOf(c, e) };
  }
}

const tally = { compiled: 0, fallback: new Map<string, number>() };

describe.each(Object.keys(suite.groups))('compiled JSONata, suite group %s', (group) => {
  const cases = suite.groups[group]!.filter((c) => c.expr !== undefined);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = compiled(c);
    if (got instanceof Unsupported) {
      tally.fallback.set(got.construct, (tally.fallback.get(got.construct) ?? 0) + 1);
      return;
    }
    tally.compiled++;
    if (!matches(c, await library(c))) return; // the library's own miss: not the compiler's to match
    expect({ expr: c.expr, ...got }).toEqual({ expr: c.expr, ...expected(c) });
  });
});

describe('compiled JSONata coverage', () => {
  afterAll(() => {
    const reasons = [...tally.fallback.entries()].sort((a, b) => b[1] - a[1]);
    console.log(`compiled JSONata: ${tally.compiled} suite cases compiled; left to the library: ${reasons.map(([r, n]) => `${r} ×${n}`).join(', ')}`);
  });
  it('compiles at least as many suite cases as before', () => {
    expect(tally.compiled).toBeGreaterThanOrEqual(MIN_COMPILED);
  });
});
