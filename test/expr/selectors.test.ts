import { describe, expect, it } from 'vitest';
import { rewriteKeySelectors } from '../../src/expr/selectors.js';

describe("Mule's ['key'] selectors", () => {
  it('read as field selectors after a name, a call or another selector', () => {
    expect(rewriteKeySelectors("attributes.headers['x-a']")).toBe('attributes.headers.`x-a`');
    expect(rewriteKeySelectors('vars.map["b c"].d')).toBe('vars.map.`b c`.d');
    expect(rewriteKeySelectors("$f()['k']")).toBe('$f().`k`');
  });

  it('leave arrays, numeric indexes, predicates and strings alone', () => {
    for (const s of ["$append(vars.a, ['x'])", "['a', 'b']", 'items[0]', 'items[price > 1]', "'headers[\\'x\\']'", "items['a', 'b']"]) {
      expect(rewriteKeySelectors(s)).toBe(s);
    }
  });
});

describe("['key'] in compiled expressions", () => {
  it('selects the header a Mule expression names', async () => {
    const { compileExpression } = await import('../../src/expr/compile.js');
    const { createLibrary } = await import('../../src/expr/functions.js');
    const { FlowEvent } = await import('../../src/runtime/event.js');
    const compiled = compileExpression(
      "attributes.headers['x-api-key']",
      { file: 'f', line: 1, col: 1 },
      { library: createLibrary({ property: () => undefined }) },
    );
    if ('code' in compiled) throw new Error(compiled.message);
    expect(await compiled.evaluate(FlowEvent.create({ payload: null, attributes: { headers: { 'x-api-key': 'k1' } } }))).toBe('k1');
  });
});
