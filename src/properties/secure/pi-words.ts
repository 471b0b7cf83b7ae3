/**
 * The first `count` 32-bit words of π's fractional part in hexadecimal (0x243F6A88, 0x85A308D3 …),
 * from Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in fixed point with 64 guard bits.
 *
 * Blowfish initialises its P-array and S-boxes with these words (Schneier, "Description of a New
 * Variable-Length Key, 64-Bit Block Cipher", 1993): computing them once (about 30 ms for the 1042
 * words it needs) keeps a 1042-constant table out of the source; the tests pin the first and last
 * words and the published Blowfish test vectors.
 *
 * @example piWords(2) // [0x243f6a88, 0x85a308d3]
 */
export function piWords(count: number): Uint32Array {
  const bits = BigInt(count * 32);
  const guard = 64n;
  const one = 1n << (bits + guard);
  const pi = 16n * atanInverse(5n, one) - 4n * atanInverse(239n, one);
  const fraction = (pi >> guard) & ((1n << bits) - 1n);
  const hex = fraction.toString(16).padStart(count * 8, '0');
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++) words[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return words;
}

/** atan(1/x) scaled by `one`: the Taylor series x⁻¹ − x⁻³/3 + x⁻⁵/5 …, each term truncated. */
function atanInverse(x: bigint, one: bigint): bigint {
  const x2 = x * x;
  let power = one / x;
  let sum = power;
  for (let k = 1n, negative = true; power !== 0n; k++, negative = !negative) {
    power /= x2;
    const term = power / (2n * k + 1n);
    sum = negative ? sum - term : sum + term;
  }
  return sum;
}
