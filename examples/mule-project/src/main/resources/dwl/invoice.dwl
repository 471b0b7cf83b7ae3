%dw 2.0
output application/json
import * from dw::core::Strings
import modules::Tax
fun net(line) = line.qty * line.price
---
{
  invoice: upper(payload.customer default "guest"),
  date: payload.date as Date {format: "dd/MM/yyyy"} as String {format: "yyyy-MM-dd"},
  currency: p('shop.currency'),
  lines: payload.items map (item, i) -> {
    no: i + 1,
    sku: item.sku,
    net: net(item)
  },
  net: sum(payload.items map net($)),
  vat: Tax::vatOf(sum(payload.items map net($))),
  (note: capitalize(payload.note)) if (payload.note?)
}
