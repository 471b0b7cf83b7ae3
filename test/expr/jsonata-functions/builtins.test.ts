import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/expr/jsonata/functions/index.js';

/*
 * The table itself: the names and signatures JSONata registers, and the arity a function value
 * of each has (what $reduce, $map … read of it), which JSONata takes from its implementation's
 * parameter count.
 */
async function reference(name: string): Promise<{ signature?: { definition: string }; implementation: { length: number } }> {
  return (await jsonata(`$${name}`).evaluate({})) as never;
}

describe('BUILTINS', () => {
  it.each(Object.keys(BUILTINS))('$%s has JSONata’s signature and arity', async (name) => {
    const ref = await reference(name);
    expect(ref, `JSONata has no $${name}`).toBeDefined();
    expect(BUILTINS[name]!.signature).toBe(ref.signature!.definition);
    expect(BUILTINS[name]!.impl.length).toBe(ref.implementation.length);
  });

  it('leaves out $eval, which the compiler handles', () => {
    expect(BUILTINS.eval).toBeUndefined();
  });
});
