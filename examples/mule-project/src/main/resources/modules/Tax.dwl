%dw 2.0
var rate = p('shop.vatRate') as Number
fun vatOf(amount: Number): Number = amount * rate
