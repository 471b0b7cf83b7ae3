import { afterEach, describe, expect, it, vi } from 'vitest';
import { newJsonata } from '../../src/expr/compile.js';
import { FREE_STEPS } from '../../src/expr/slicing.js';
import * as fairShare from '../../src/util/fair-share.js';

vi.mock('../../src/util/fair-share.js', async (original) => {
  const actual = await original<typeof import('../../src/util/fair-share.js')>();
  return { ...actual, meter: vi.fn(actual.meter) };
});

afterEach(() => vi.mocked(fairShare.meter).mockClear());

describe('JSONata evaluations', () => {
  it('that are short run straight through: no step is metered', async () => {
    expect(await newJsonata(`{ "message": "Hello, " & name & "!", "n": $count(items) }`).evaluate({ name: 'Ann', items: [1, 2] })).toEqual({
      message: 'Hello, Ann!',
      n: 2,
    });
    expect(fairShare.meter).not.toHaveBeenCalled();
  });

  it(`that run past ${FREE_STEPS} steps are metered from then on, once per evaluation`, async () => {
    const expr = newJsonata('$sum([1..5000].($ * 2))');
    expect(await expr.evaluate({})).toBe(25_005_000);
    expect(await expr.evaluate({})).toBe(25_005_000);
    expect(fairShare.meter).toHaveBeenCalledTimes(2);
  });

  it('that run long let timers run between their slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      expect(await newJsonata('$count([1..100000].($ * 2))', { timeoutMs: 60_000, maxDepth: 100 }).evaluate({})).toBe(100_000);
    } finally {
      clearInterval(timer);
    }
    // Unsliced, the whole evaluation is one turn of the event loop and no timer fires.
    expect(ticks).toBeGreaterThan(0);
  });

  it('keep their time limit', async () => {
    const expr = newJsonata('$count([1..10000000].($ * 2))', { timeoutMs: 50, maxDepth: 100 });
    await expect(expr.evaluate({})).rejects.toMatchObject({ code: 'D1012' });
  });
});
