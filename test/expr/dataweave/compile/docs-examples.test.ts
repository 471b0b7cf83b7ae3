import { describe, expect, it } from 'vitest';
import { run } from './run.js';

// Examples from the DataWeave documentation (dw-operators, dataweave-selectors), script → documented output.
describe('DataWeave documentation examples', () => {
  it('evaluates the logical operators example', () => {
    const src = [
      '%dw 2.0',
      'var orNot = if (1 + 1 == 4 or not 1 == 2) {"answer": "orNot - Condition met"} else {"answer": "nope"}',
      'var andNot = if (1 + 1 == 2 and not 1 == 2) {"answer": "andNot - Condition met"} else {"answer": "nope"}',
      'var notWithAndNot = if (not (1 + 1 == 2 and not 1 == 1)) {"answer": "notWithAndNot - Condition met"} else {"answer": "nope"}',
      'output application/json',
      '---',
      '{ "answers": [orNot, andNot, notWithAndNot] }',
    ].join('\n');
    expect(run(src)).toEqual({
      answers: [{ answer: 'orNot - Condition met' }, { answer: 'andNot - Condition met' }, { answer: 'notWithAndNot - Condition met' }],
    });
  });

  it('prepends, appends and removes', () => {
    expect(run('[1 >> [2], "a" >> [1], [1] >> [2, 3], [1, 2] << [1, 2, 3], [1] + 2, [1, 2, 3] - 2, [{a: "b"}, {c: "d"}, {e: "f"}] - {c: "d"}]')).toEqual([
      [1, 2],
      ['a', 1],
      [[1], 2, 3],
      [1, 2, [1, 2, 3]],
      [1, 2],
      [1, 3],
      [{ a: 'b' }, { e: 'f' }],
    ]);
  });

  it('updates with conditions, upserts and the $ sugar', () => {
    const users = [
      { name: 'Ken', age: 30 },
      { name: 'Tomo', age: 70 },
      { name: 'Kajika', age: 10 },
    ];
    const src =
      'payload map ((user) -> user update { case name at .name if(name == "Ken") -> name ++ " (Leandro)" case name at .name if(name == "Tomo") -> name ++ " (Christian)" })';
    expect(run(src, { payload: users })).toEqual([
      { name: 'Ken (Leandro)', age: 30 },
      { name: 'Tomo (Christian)', age: 70 },
      { name: 'Kajika', age: 10 },
    ]);
    const upsert =
      '%dw 2.0\nvar myInput = [{"lastName": "Doe"}, {"lastName": "Parker", "name": "Peter" }]\n---\nmyInput map ((value) -> value update { case name at .name! -> if(name == null) "JOHN" else upper(name) })';
    expect(run(upsert)).toEqual([
      { lastName: 'Doe', name: 'JOHN' },
      { lastName: 'Parker', name: 'PETER' },
    ]);
    const dynamic = '%dw 2.0\nvar theFieldName = "name"\n---\npayload update { case s at ."$(theFieldName)" -> "Shoki" }';
    expect(run(dynamic, { payload: { name: 'Ken', lastName: 'Shokida' } })).toEqual({ name: 'Shoki', lastName: 'Shokida' });
  });

  it('selects descendants as the selectors page shows', () => {
    const users = { users: { user: { name: 'Weave', user: { name: 'BAT', user: { name: 'BDD' } } } } };
    expect(run('payload..name', { payload: users })).toEqual(['Weave', 'BAT', 'BDD']);
  });

  it('selects dynamically', () => {
    expect(run('payload[(payload.ref)]', { payload: { ref: 'name', name: 'Data Weave' } })).toBe('Data Weave');
  });
});
