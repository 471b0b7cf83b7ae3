/**
 * The JSON number grammar (RFC 8259 §6) as a state machine over one character at a time:
 * `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`. States are small integers; a number
 * starts with {@link numberStart} and ends at the first character {@link numberNext} refuses.
 *
 * @example
 * let s = numberStart(0x31); // '1'
 * s = numberNext(s, 0x2e);   // '.', not complete yet
 * isCompleteNumber(s);       // false: "1." is not a number
 */
const MINUS = 0;
const ZERO = 1;
const INT = 2;
const DOT = 3;
const FRAC = 4;
const E = 5;
const E_SIGN = 6;
const EXP = 7;

/** A number may end in these states. */
const COMPLETE = [false, true, true, false, true, false, false, true];

/** The state after a number's first character, `-` or a digit. */
export function numberStart(c: number): number {
  return c === 0x2d ? MINUS : c === 0x30 ? ZERO : INT;
}

/** The state after `c`, or -1 when `c` does not continue the number. */
export function numberNext(state: number, c: number): number {
  const digit = c >= 0x30 && c <= 0x39;
  const e = c === 0x65 || c === 0x45;
  switch (state) {
    case MINUS:
      return digit ? (c === 0x30 ? ZERO : INT) : -1;
    case ZERO:
      return c === 0x2e ? DOT : e ? E : -1;
    case INT:
      return digit ? INT : c === 0x2e ? DOT : e ? E : -1;
    case DOT:
      return digit ? FRAC : -1;
    case FRAC:
      return digit ? FRAC : e ? E : -1;
    case E:
      return c === 0x2b || c === 0x2d ? E_SIGN : digit ? EXP : -1;
    default: // E_SIGN, EXP
      return digit ? EXP : -1;
  }
}

export function isCompleteNumber(state: number): boolean {
  return COMPLETE[state] === true;
}
