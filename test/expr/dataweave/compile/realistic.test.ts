import { describe, expect, it } from 'vitest';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import { run } from './run.js';

describe('DataWeave scripts as Mule apps write them', () => {
  it('maps an order with helpers, conditions and formats', () => {
    const src = [
      '%dw 2.0',
      'output application/json',
      'import dw::core::Strings',
      'var taxRate = 0.2',
      'fun lineTotal(l) = (l.price as Number default 0) * l.qty',
      'fun label(n: Number) = if (n > 100) "big" else "small"',
      '---',
      '{',
      '  id: payload.orderId as String,',
      '  customer: Strings::capitalize(payload.customer.name default ""),',
      '  lines: payload.lines map ((line, i) -> {',
      '    n: i + 1,',
      '    total: lineTotal(line),',
      '    size: label(lineTotal(line))',
      '  }),',
      '  (note: payload.note) if payload.note?,',
      '  tax: (sum(payload.lines map lineTotal($)) * taxRate) as String {format: "0.00"},',
      '  kinds: payload.lines.kind match {',
      '    case ks is Array -> sizeOf(ks)',
      '    else -> 0',
      '  }',
      '}',
    ].join('\n');
    const payload: DwValue = {
      orderId: 42,
      customer: { name: 'ann' },
      lines: [
        { price: '10.5', qty: 2, kind: 'a' },
        { price: 'x', qty: 1 },
        { price: '99', qty: 2, kind: 'b' },
      ],
    };
    expect(run(src, { payload })).toEqual({
      id: '42',
      customer: 'Ann',
      lines: [
        { n: 1, total: 21, size: 'small' },
        { n: 2, total: 0, size: 'small' },
        { n: 3, total: 198, size: 'big' },
      ],
      tax: '43.80',
      kinds: 2,
    });
  });

  it('reads an XML-like payload with repeated keys and attributes', () => {
    const items = new DwObject([
      { key: 'item', value: { sku: 'A', qty: '2' }, attrs: [{ key: 'id', value: '1' }] },
      { key: 'item', value: { sku: 'B', qty: '3' }, attrs: [{ key: 'id', value: '2' }] },
    ]);
    const payload = new DwObject([{ key: 'order', value: { items }, attrs: [{ key: 'no', value: 'PO-1' }] }]);
    const src = '{ no: payload.order.@no, items: payload.order.items.*item map { id: $.@id, sku: $.sku, qty: $.qty as Number } }';
    expect(run(src, { payload })).toEqual({
      no: 'PO-1',
      items: [
        { id: '1', sku: 'A', qty: 2 },
        { id: '2', sku: 'B', qty: 3 },
      ],
    });
  });
});
