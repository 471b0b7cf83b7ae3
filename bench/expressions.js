// The orders mapping as an expression alone, outside HTTP: DataWeave compiled by flowrt, and the
// same mapping in JSONata compiled by flowrt (closures, expr/jsonata/compile/), against JSONata
// evaluated by the jsonata library (what a hand-written service would use). The goal:
// DataWeave at least 5× the jsonata library.
import jsonata from 'jsonata';
import { compileExpression, loadDataWeave } from '../dist/expr/compile.js';

const ITERATIONS = Number(process.env.BENCH_EXPR_ITERATIONS ?? 200_000);
const payload = {
  id: 'o-1',
  total: 250,
  lines: [
    { qty: 2, price: 50 },
    { qty: 3, price: 50.5 },
    { qty: 1, price: 0.1 },
  ],
};
const event = { correlationId: 'bench', message: { payload, attributes: {} }, vars: { tier: 'big' } };
const loc = { file: 'bench', line: 1, col: 1 };

async function rate(evaluate) {
  for (let i = 0; i < 20_000; i++) await evaluate();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await evaluate();
  return ITERATIONS / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function expressionBench() {
  await loadDataWeave();
  const dw = compileExpression(
    '%dw 2.0\noutput application/json\n---\n{ id: payload.id, lines: sizeOf(payload.lines), total: sum(payload.lines map ($.qty * $.price)), tier: vars.tier }',
    loc,
    { library: [] },
  );
  if ('code' in dw) throw new Error(dw.message);
  const mapping = '{ "id": payload.id, "lines": $count(payload.lines), "total": $sum(payload.lines.(qty * price)), "tier": vars.tier }';
  const js = jsonata(mapping);
  const compiled = compileExpression(mapping, loc, { library: [] });
  if ('code' in compiled) throw new Error(compiled.message);
  const input = { payload, vars: event.vars };
  const a = await dw.evaluate(event);
  const b = await js.evaluate(input);
  console.log('Orders mapping as an expression (no HTTP), evaluations per second');
  console.log(`  DataWeave result ${JSON.stringify(a)}; JSONata result ${JSON.stringify(b)}`);
  const dwRate = await rate(() => dw.evaluate(event));
  const jsRate = await rate(() => js.evaluate(input));
  const compiledRate = await rate(() => compiled.evaluate(event));
  console.log(`  DataWeave (flowrt, compiled)  ${dwRate.toFixed(0).padStart(9)} /s`);
  console.log(`  JSONata (flowrt, compiled)    ${compiledRate.toFixed(0).padStart(9)} /s  (${(compiledRate / jsRate).toFixed(1)}× the library)`);
  console.log(`  JSONata (jsonata library)     ${jsRate.toFixed(0).padStart(9)} /s`);
  console.log(`  ratio     ${(dwRate / jsRate).toFixed(1)}× (goal ≥ 5×)\n`);
}
