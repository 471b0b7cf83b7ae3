import { beforeAll, describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors/flow-error.js';
import { compileExpression, loadDataWeave } from '../../../src/expr/compile.js';
import type { EventLike } from '../../../src/expr/scope.js';

beforeAll(() => loadDataWeave());
/* A DataWeave script that runs away fails with MULE:EXPRESSION within the limits every expression has. */

const event: EventLike = { correlationId: 'c', message: { payload: null, attributes: {} }, vars: {} };

async function failure(source: string, limits = { timeoutMs: 300, maxDepth: 200 }): Promise<FlowError> {
  const compiled = compileExpression(source, { file: 'app.xml', line: 1, col: 1 }, { library: [], language: 'dataweave', limits });
  if ('code' in compiled) throw new Error(compiled.message);
  const e = await compiled.evaluate(event).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FlowError);
  return e as FlowError;
}

describe('DataWeave within limits', () => {
  it('a recursion without end is a stack overflow, not a crash', async () => {
    const e = await failure('%dw 2.0\nfun f(n) = 1 + f(n + 1)\n---\nf(0)');
    expect(e.type.toString()).toBe('MULE:EXPRESSION');
    expect(e.description).toMatch(/Stack overflow/);
  });

  it('a loop without end stops at the time limit', async () => {
    const started = Date.now();
    const e = await failure('%dw 2.0\nfun loop(n) = loop(n + 1)\n---\nloop(0)');
    expect(e.description).toMatch(/time limit/);
    // Bounded by the limit (300 ms here), with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('default does not swallow the time limit', async () => {
    const e = await failure('%dw 2.0\nfun loop(n) = loop(n + 1)\n---\nloop(0) default 1');
    expect(e.description).toMatch(/time limit/);
  });

  it('a huge range is refused', async () => {
    const e = await failure('sizeOf(1 to 1000000000)');
    expect(e.type.toString()).toBe('MULE:EXPRESSION');
  });

  it('a map over a long range stops at the time limit', async () => {
    const e = await failure('sum((1 to 9000000) map ((x) -> x * x / 7))', { timeoutMs: 50, maxDepth: 200 });
    expect(e.description).toMatch(/time limit/);
  });
});
