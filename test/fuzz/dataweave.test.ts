/**
 * Fuzz: hostile DataWeave, as flows compile and evaluate it. Whatever the text, compiling gives a
 * compiled expression or a diagnostic (never a throw), and evaluating gives a value or
 * MULE:EXPRESSION within the limits (never another error, a hang or an unhandled rejection).
 *
 * CI runs a fixed seed; hunt longer with FUZZ_RUNS=20000 npx vitest run test/fuzz/dataweave.test.ts
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULE } from '../../src/errors/catalog/index.js';
import { FlowError } from '../../src/errors/flow-error.js';
import { compileExpression, loadDataWeave } from '../../src/expr/compile.js';
import { FlowEvent } from '../../src/runtime/event.js';
import { fuzz, timeLimit } from './settings.js';

const SEED = 0x0d3a_0015;
const at = { file: 'flows/app.xml', line: 1, col: 1 };
const limits = { timeoutMs: 300, maxDepth: 200 };

const unhandled: unknown[] = [];
const record = (e: unknown) => void unhandled.push(e);
beforeAll(async () => {
  process.on('unhandledRejection', record);
  await loadDataWeave();
});
afterAll(() => void process.off('unhandledRejection', record));

async function outcome(source: string, event: FlowEvent): Promise<void> {
  const compiled = compileExpression(source, at, { library: [], limits, language: 'dataweave' });
  if ('code' in compiled) {
    expect(compiled.severity).toBe('error');
    return;
  }
  try {
    await compiled.evaluate(event);
  } catch (e) {
    expect(e).toBeInstanceOf(FlowError);
    expect({ source, type: (e as FlowError).type.id }).toEqual({ source, type: MULE.EXPRESSION.id });
  }
}

const str = fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => JSON.stringify(s));
const num = fc.constantFrom('0', '1', '-1', '0.1', '1e308', '9007199254740993', '1.5', '3.14159265358979323846', '-0.0');
const path = fc.constantFrom(
  'payload',
  'payload.a',
  'payload.items',
  'payload.items[0]',
  'payload..a',
  'payload.*a',
  'payload.@id',
  'vars.n',
  '$',
  '$$',
  'attributes.queryParams.q',
);
const big = fc.constantFrom('10', '1000', '100000', '10000000', '1000000000');
const date = fc.constantFrom('|2020-01-31|', '|2020-01-31T10:00:00Z|', '|10:00|', '|P1M|', '|PT1H|', '|-03:00|', '|2020-02-30|');

const { expr } = fc.letrec<{ expr: string }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str,
      num,
      path,
      date,
      fc.constantFrom('true', 'false', 'null', '[]', '{}', 'now()', 'uuid()', "p('x')", 'random()'),
      fc
        .tuple(e, fc.constantFrom('+', '-', '*', '/', '++', '--', '==', '~=', '<', '>=', 'and', 'or', 'default', 'to', '>>'), e)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(e, e).map(([a, b]) => `[${a}, ${b}]`),
      fc.tuple(str, e).map(([k, v]) => `{${k}: ${v}}`),
      fc.tuple(e, e).map(([k, v]) => `{(${k}): ${v}}`),
      fc.tuple(e, e, e).map(([c, a, b]) => `(if (${c}) ${a} else ${b})`),
      fc
        .tuple(e, fc.constantFrom('String', 'Number', 'Date', 'DateTime', 'Boolean', 'Array', 'Object', 'Regex', 'Binary', 'Period'))
        .map(([a, t]) => `(${a} as ${t})`),
      fc.tuple(e, fc.constantFrom('"#,##0.00"', '"yyyy-MM-dd"', '"x"', '""', '"\'"')).map(([a, f]) => `(${a} as String {format: ${f}})`),
      fc
        .tuple(e, fc.constantFrom('map', 'filter', 'flatMap', 'groupBy', 'orderBy', 'distinctBy', 'mapObject', 'pluck'))
        .map(([a, f]) => `(${a} ${f} (v, k) -> v)`),
      fc.tuple(e, fc.constantFrom('sizeOf', 'upper', 'sum', 'max', 'flatten', 'keysOf', 'isEmpty', 'typeOf', 'avg', 'trim')).map(([a, f]) => `${f}(${a})`),
      fc
        .tuple(
          e,
          fc.constantFrom('application/json', 'application/xml', 'application/csv', 'text/plain', 'application/dw', 'application/x-www-form-urlencoded'),
        )
        .map(([a, m]) => `write(${a}, "${m}")`),
      fc
        .tuple(str, fc.constantFrom('application/json', 'application/xml', 'application/csv', 'application/x-www-form-urlencoded'))
        .map(([s, m]) => `read(${s}, "${m}")`),
      fc.tuple(e, e).map(([a, b]) => `(${a} match { case x is String -> x case 1 -> "one" case y if (y == ${b}) -> y else -> null })`),
      fc.tuple(e, e).map(([a, b]) => `(${a} update { case .a -> ${b} })`),
      fc.tuple(e, e).map(([a, b]) => `do { var x = ${a} --- x ++ ${b} }`),
      big.map((n) => `sizeOf(1 to ${n})`),
      big.map((n) => `sum((1 to ${n}) map $ * 2)`),
      big.map((n) => `do { fun f(x) = if (x > 0) 1 + f(x - 1) else 0 --- f(${n}) }`),
      big.map((n) => `do { fun f(x) = if (x > 0) f(x - 1) else 0 --- f(${n}) }`),
      fc.tuple(fc.constantFrom('(', '[', '{', '$', '"', "'", '/', '|', '#', '@', '%', '->', '---', ':'), e).map(([junk, a]) => `${a}${junk}`),
      fc.integer({ min: 1, max: 3_000 }).map((n) => `${'('.repeat(n)}1${')'.repeat(n)}`),
      fc.integer({ min: 1, max: 3_000 }).map((n) => `${'['.repeat(n)}1${']'.repeat(n)}`),
    ),
  };
});

const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('<a id="1"><b>x</b></a>', 'a,b\n1,2', null, undefined),
  fc.record({ a: fc.jsonValue({ maxDepth: 2 }), items: fc.array(fc.record({ price: fc.double() }), { maxLength: 5 }) }),
);
const mediaType = fc.constantFrom(undefined, 'application/json', 'application/xml', 'text/csv', 'text/plain');
const event = fc
  .tuple(payload, mediaType, fc.integer())
  .map(([p, m, n]) =>
    FlowEvent.create({ payload: m === 'application/json' && p !== undefined ? JSON.stringify(p) : p, mediaType: m, attributes: {} }, 'fuzz', { n }),
  );

describe('fuzz: DataWeave', () => {
  it(
    'compiles to an expression or a diagnostic; evaluates to a value or MULE:EXPRESSION, and ends',
    async () => {
      await fc.assert(
        fc.asyncProperty(expr, event, async (source, ev) => {
          await outcome(source, ev);
          expect(unhandled).toEqual([]);
        }),
        fuzz(SEED, 400, [
          ['sizeOf(1 to 1000000000)', FlowEvent.create({ payload: null, attributes: {} })],
          ['do { fun f(x) = if (x > 0) 1 + f(x - 1) else 0 --- f(100000) }', FlowEvent.create({ payload: null, attributes: {} })],
          [`${'('.repeat(3_000)}1${')'.repeat(3_000)}`, FlowEvent.create({ payload: null, attributes: {} })],
          ['payload.a', FlowEvent.create({ payload: '<a><b></a>', mediaType: 'application/xml', attributes: {} })],
        ]),
      );
    },
    timeLimit(400, 400),
  );
});
