import { afterEach, describe, expect, it } from 'vitest';
import type { EvalContext } from '../../../../src/expr/dataweave/context.js';
import { BudgetExceeded, LookupNeeded, withContext } from '../../../../src/expr/dataweave/context.js';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';
import { DataWeaveEvaluationError } from '../../../../src/expr/dataweave/values/eval-error.js';
import type { DwFunction, DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject, entriesOf } from '../../../../src/expr/dataweave/values/model.js';

const R = MODULES['dw::Runtime']!;
const S = MODULES['dw::System']!;
const V = MODULES['dw::util::Values']!;
const isEmpty = (v: DwValue) => v !== null && typeof v === 'object' && Object.keys(v).length === 0;

function ctx(props: Record<string, string> = {}, deadline = Date.now() + 60_000): EvalContext {
  return {
    bindings: {},
    property: (n) => props[n],
    lookup: () => null,
    readResource: () => undefined,
    log: () => undefined,
    deadline,
    maxDepth: 500,
  };
}

describe('dw::Runtime', () => {
  it('fail throws a DataWeave error with the message', () => {
    expect(() => R.fail!('Invalid')).toThrow(DataWeaveEvaluationError);
    expect(() => R.fail!('Invalid')).toThrow('Invalid');
  });
  it('failIf fails when the evaluator is true, else answers the value', () => {
    expect(() => R.failIf!({}, (v) => isEmpty(v))).toThrow('Failed');
    expect(() => R.failIf!(1, () => true, 'too small')).toThrow('too small');
    expect(R.failIf!({ a: 'test' }, (v) => isEmpty(v))).toEqual({ a: 'test' });
  });
  it('try reports success or the error', () => {
    expect(R.try!(() => 'OK')).toEqual({ success: true, result: 'OK' });
    const failed = R.try!(() => R.fail!('This function is failing')) as { [k: string]: DwValue };
    expect(failed.success).toBe(false);
    expect(failed.error).toMatchObject({ kind: 'UserException', message: 'This function is failing' });
  });
  it('try lets a pending lookup and non-DataWeave errors through', () => {
    expect(() =>
      R.try!(() => {
        throw new LookupNeeded('flow', null);
      }),
    ).toThrow(LookupNeeded);
    expect(() =>
      R.try!(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
    expect(() =>
      R.try!(() => {
        throw new BudgetExceeded('The script ran past its time limit');
      }),
    ).toThrow(/time limit/);
  });
  it('orElseTry and orElse', () => {
    const failed = R.try!(() => R.fail!("There is no key named 'name'"));
    expect(R.orElseTry!(failed, () => 'No User Name')).toEqual({ success: true, result: 'No User Name' });
    expect(R.orElseTry!(failed, () => R.fail!('again'))).toMatchObject({ success: false, error: { message: 'again' } });
    expect(
      R.orElseTry!(
        R.try!(() => 1),
        () => 2,
      ),
    ).toEqual({ success: true, result: 1 });
    expect(R.orElse!(failed, () => 'fallback')).toBe('fallback');
    expect(
      R.orElse!(
        R.try!(() => 'first'),
        () => 'fallback',
      ),
    ).toBe('first');
    expect(R.orElse!(failed, 'a value')).toBe('a value');
  });
  it('wait answers the value after the delay, never past the deadline', () => {
    const start = Date.now();
    expect(R.wait!({ user: 1 }, 30)).toEqual({ user: 1 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
    const t = Date.now();
    expect(withContext(ctx({}, Date.now() + 10), () => R.wait!('x', 60_000))).toBe('x');
    expect(Date.now() - t).toBeLessThan(5_000);
  });
  it('prop reads the app properties', () => {
    expect(withContext(ctx({ 'http.port': '8081' }), () => R.prop!('http.port'))).toBe('8081');
    expect(withContext(ctx(), () => R.prop!('missing'))).toBeNull();
  });
  it('props lists the app properties when the context can', () => {
    expect(withContext({ ...ctx(), properties: () => ({ a: '1' }) }, () => R.props!())).toEqual({ a: '1' });
    expect(withContext(ctx(), () => R.props!())).toEqual({});
  });
});

describe('dw::System', () => {
  const saved = process.env.FLOWRT_TEST_VAR;
  afterEach(() => {
    if (saved === undefined) delete process.env.FLOWRT_TEST_VAR;
    else process.env.FLOWRT_TEST_VAR = saved;
  });
  it('envVar and envVars', () => {
    process.env.FLOWRT_TEST_VAR = 'value';
    expect(S.envVar!('FLOWRT_TEST_VAR')).toBe('value');
    expect(S.envVar!('FLOWRT_SURELY_UNDEFINED_VAR')).toBeNull();
    expect((S.envVars!() as { [k: string]: DwValue }).FLOWRT_TEST_VAR).toBe('value');
  });
});

describe('dw::util::Values', () => {
  const withValue = (updater: DwValue, v: DwValue) => (updater as DwFunction)(v);
  it('path elements', () => {
    expect(V.field!('name')).toEqual({ kind: 'Object', selector: 'name', namespace: null });
    expect(V.index!(1)).toEqual({ kind: 'Array', selector: 1, namespace: null });
    expect(V.attr!('id')).toEqual({ kind: 'Attribute', selector: 'id', namespace: null });
  });
  it('update (documented cases)', () => {
    expect(withValue(V.update!({ name: 'Mariano' }, 'name'), 'Data Weave')).toEqual({ name: 'Data Weave' });
    expect(withValue(V.update!({ name: 'Mariano' }, V.field!('name')), 'Data Weave')).toEqual({ name: 'Data Weave' });
    expect(withValue(V.update!([1, 2, 3], 1), 5)).toEqual([1, 5, 3]);
    expect(withValue(V.update!([1, 2, 3], V.index!(1)), 5)).toEqual([1, 5, 3]);
    expect(
      withValue(
        V.update!(
          [
            { role: 'a', name: 'spiderman' },
            { role: 'b', name: 'batman' },
          ],
          'role',
        ),
        'Super Hero',
      ),
    ).toEqual([
      { role: 'Super Hero', name: 'spiderman' },
      { role: 'Super Hero', name: 'batman' },
    ]);
    expect(withValue(V.update!({ user: { name: 'Mariano' } }, ['user', V.field!('name')]), 'Data Weave')).toEqual({ user: { name: 'Data Weave' } });
  });
  it('update: a lambda gets the old value; missing paths and null change nothing', () => {
    expect(withValue(V.update!({ n: 2 }, 'n'), (old: DwValue) => (old as number) * 10)).toEqual({ n: 20 });
    expect(withValue(V.update!([1, 2, 3], -1), 9)).toEqual([1, 2, 9]);
    expect(withValue(V.update!({ a: 1 }, 'b'), 2)).toEqual({ a: 1 });
    expect(withValue(V.update!(null, 'b'), 2)).toBeNull();
  });
  it('update an attribute', () => {
    const xml = new DwObject([{ key: 'user', value: 'x', attrs: [{ key: 'id', value: '1' }] }]);
    const out = withValue(V.update!(xml, ['user', V.attr!('id')]), '2') as DwObject;
    expect(entriesOf(out)[0]!.attrs).toEqual([{ key: 'id', value: '2' }]);
  });
  it('mask (documented cases)', () => {
    const users = [
      { name: 'Peter Parker', password: 'spiderman' },
      { name: 'Bruce Wayne', password: 'batman' },
    ];
    const masked = [
      { name: 'Peter Parker', password: '*****' },
      { name: 'Bruce Wayne', password: '*****' },
    ];
    expect(withValue(V.mask!(users, V.field!('password')), '*****')).toEqual(masked);
    expect(withValue(V.mask!(users, 'password'), '*****')).toEqual(masked);
    expect(
      withValue(
        V.mask!(
          [
            [123, true],
            [456, true],
          ],
          1,
        ),
        false,
      ),
    ).toEqual([
      [123, false],
      [456, false],
    ]);
    expect(withValue(V.mask!(null, 'a'), 'x')).toBeNull();
  });
  it('mask reaches nested fields and leaves structured values alone', () => {
    expect(withValue(V.mask!({ a: { password: 'x', b: [{ password: 'y' }] }, password: { nested: 1 } }, 'password'), '*')).toEqual({
      a: { password: '*', b: [{ password: '*' }] },
      password: { nested: 1 },
    });
  });
});
