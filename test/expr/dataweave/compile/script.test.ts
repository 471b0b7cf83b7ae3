import { describe, expect, it } from 'vitest';
import { context, load } from './run.js';

describe('DataWeave scripts', () => {
  it('exposes output and input directives, their properties evaluated at load', () => {
    const s = load('%dw 2.0\noutput application/json indent=false\ninput payload application/csv separator=";"\n---\npayload');
    expect(s.output).toEqual({ mimeType: 'application/json', properties: { indent: false } });
    expect(s.inputs).toEqual({ payload: { mimeType: 'application/csv', properties: { separator: ';' } } });
  });

  it('has no output when the script declares none', () => {
    expect(load('1').output).toBeUndefined();
  });

  it('maps an order', () => {
    const s = load(
      '%dw 2.0\noutput application/json\n---\n{ id: payload.id, lines: sizeOf(payload.lines), total: sum(payload.lines map ($.qty * $.price)), tier: vars.tier }',
    );
    const payload = {
      id: 'o1',
      lines: [
        { qty: 2, price: 1.5 },
        { qty: 1, price: 10 },
      ],
    };
    expect(s.run(context({ payload, vars: { tier: 'gold' } }))).toEqual({ id: 'o1', lines: 2, total: 13, tier: 'gold' });
    expect(s.run(context({ payload: { ...payload, id: 'o2' }, vars: {} }))).toEqual({ id: 'o2', lines: 2, total: 13, tier: null });
  });

  it('evaluates header vars once per run', () => {
    const s = load('%dw 2.0\nvar a = payload.x\nvar b = a + 1\n---\n{a: a, b: b}');
    expect(s.run(context({ payload: { x: 1 } }))).toEqual({ a: 1, b: 2 });
    expect(s.run(context({ payload: { x: 5 } }))).toEqual({ a: 5, b: 6 });
  });
});

describe('DataWeave scripts on deep data', () => {
  it('reports data nested past the JavaScript stack as a stack overflow', () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    const s = load('payload..x');
    expect(() => s.run(context({ payload: deep as never }))).toThrow(/Stack overflow/);
  });
});
