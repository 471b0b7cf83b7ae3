import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/expr/jsonata/functions/index.js';
import { outcome, passes, suite } from './harness.js';

/*
 * Every case of JSONata's suite, evaluated by the library with flowrt's built-ins in place of its
 * own (./harness.ts): where the library alone gives the expected result, ours must too.
 */
describe.each(Object.keys(suite.groups))('JSONata suite with flowrt built-ins: %s', (group) => {
  const cases = suite.groups[group]!.filter((c) => c.expr !== undefined && c.timelimit === undefined && c.depth === undefined);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const reference = await outcome(c);
    if (!passes(c, reference)) return; // the library itself differs from its suite here
    const got = await outcome(c, BUILTINS);
    expect(got).toEqual(reference);
  });
});
