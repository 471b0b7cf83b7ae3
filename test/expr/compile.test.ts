import { describe, expect, it } from 'vitest';
import { MULE } from '../../src/errors/catalog/index.js';
import { FlowError } from '../../src/errors/flow-error.js';
import type { CompiledExpression } from '../../src/expr/compile.js';
import { compileExpression } from '../../src/expr/compile.js';
import { createLibrary } from '../../src/expr/functions.js';
import { FlowEvent } from '../../src/runtime/event.js';

const at = { file: 'flows/app.xml', line: 3, col: 10 };
const library = createLibrary({ property: () => undefined });

function compiled(source: string, limits?: { timeoutMs: number; maxDepth: number }): CompiledExpression {
  const result = compileExpression(source, at, { library, limits });
  if ('code' in result) throw new Error(result.message);
  return result;
}

describe('compiled expressions', () => {
  it('fail with MULE:EXPRESSION instead of running without end', async () => {
    const endless = compiled('($f := function($x) { $f($x + 1) }; $f(1))', { timeoutMs: 100, maxDepth: 500 });
    const started = Date.now();
    const err = await endless.evaluate(FlowEvent.create({ payload: null, attributes: {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowError);
    expect((err as FlowError).type).toBe(MULE.EXPRESSION);
    expect((err as FlowError).description).toMatch(/timeout after 100 milliseconds/i);
    expect(Date.now() - started).toBeLessThan(10_000); // generous: the point is that it ends
  });

  it("name the expression as Mule's description does when they fail; where it is written only in the detailed description", async () => {
    const err = (await compiled('$number("x")')
      .evaluate(FlowEvent.create({ payload: null, attributes: {} }))
      .catch((e: unknown) => e)) as FlowError;
    expect(err.description).toMatch(/ evaluating expression: "\$number\("x"\)"\.$/);
    expect(err.description).not.toContain('flows/app.xml');
    expect(err.detailedDescription).toBe(`${err.description}\n  at flows/app.xml:3:10`);
  });

  it('point a syntax error at the first character of the offending token', () => {
    const result = compileExpression('payload.a = "b" "c"', at, { library });
    expect('code' in result && result.loc).toEqual({ file: 'flows/app.xml', line: 3, col: 26 });
  });

  it('give the same answer whether compiled, stepping aside for a long evaluation, or left to the library', async () => {
    const event = FlowEvent.create({ payload: { n: 100_000, items: [{ q: 2 }, { q: 3 }] }, attributes: {} });
    expect(await compiled('$sum(payload.items.q)').evaluate(event)).toBe(5);
    expect(await compiled('$sum([1..payload.n].($ % 7))').evaluate(event)).toBe(300_000);
    expect(await compiled('$uppercase("shout")').evaluate(event)).toBe('SHOUT');
    expect(await compiled('[1, 2, 3][$ > 1]').evaluate(event)).toEqual([2, 3]);
  });
});
