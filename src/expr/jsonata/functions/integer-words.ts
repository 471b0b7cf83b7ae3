/*
 * Integers as English words, roman numerals and spreadsheet letters, both ways: the
 * presentations of XPath F&O fn:format-integer (§4.6.1) that are not digits (datetime.js).
 */
const FEW = ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'].concat([
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
]);
const ORDINALS = ['Zeroth', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'].concat([
  'Eleventh',
  'Twelfth',
  'Thirteenth',
  'Fourteenth',
  'Fifteenth',
  'Sixteenth',
  'Seventeenth',
  'Eighteenth',
  'Nineteenth',
]);
const DECADES = ['Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety', 'Hundred'];
const MAGNITUDES = ['Thousand', 'Million', 'Billion', 'Trillion'];

/**
 * @example
 * numberToWords(123, false); // 'One Hundred and Twenty-Three'
 */
export function numberToWords(value: number, ordinal: boolean): string {
  return lookup(value, false, ordinal);
}

function lookup(num: number, prev: boolean, ord: boolean): string {
  if (num <= 19) return (prev ? ' and ' : '') + (ord ? ORDINALS[num] : FEW[num]);
  if (num < 100) {
    const remainder = num % 10;
    let words = (prev ? ' and ' : '') + DECADES[Math.floor(num / 10) - 2];
    if (remainder > 0) words += '-' + lookup(remainder, false, ord);
    else if (ord) words = words.substring(0, words.length - 1) + 'ieth';
    return words;
  }
  if (num < 1000) {
    const remainder = num % 100;
    let words = (prev ? ', ' : '') + FEW[Math.floor(num / 100)] + ' Hundred';
    if (remainder > 0) words += lookup(remainder, true, ord);
    else if (ord) words += 'th';
    return words;
  }
  const mag = Math.min(Math.floor(Math.log10(num) / 3), MAGNITUDES.length);
  const factor = Math.pow(10, mag * 3);
  const mant = Math.floor(num / factor);
  const remainder = num - mant * factor;
  let words = (prev ? ', ' : '') + lookup(mant, false, false) + ' ' + MAGNITUDES[mag - 1];
  if (remainder > 0) words += lookup(remainder, true, ord);
  else if (ord) words += 'th';
  return words;
}

const WORD_VALUES: Record<string, number> = Object.create(null) as Record<string, number>;
FEW.forEach((word, index) => (WORD_VALUES[word.toLowerCase()] = index));
ORDINALS.forEach((word, index) => (WORD_VALUES[word.toLowerCase()] = index));
DECADES.forEach((word, index) => {
  const lword = word.toLowerCase();
  WORD_VALUES[lword] = (index + 2) * 10;
  WORD_VALUES[lword.substring(0, word.length - 1) + 'ieth'] = WORD_VALUES[lword];
});
WORD_VALUES.hundredth = 100;
MAGNITUDES.forEach((word, index) => {
  const lword = word.toLowerCase();
  WORD_VALUES[lword] = WORD_VALUES[lword + 'th'] = Math.pow(10, (index + 1) * 3);
});

/** Every word wordsToNumber knows, for the regex that finds them. */
export const WORD_NAMES: readonly string[] = Object.keys(WORD_VALUES);

/**
 * @example
 * wordsToNumber('one hundred and twenty-three'); // 123
 */
export function wordsToNumber(text: string): number {
  const segs = [0];
  for (const part of text.split(/,\s|\sand\s|[\s\\-]/)) {
    const value = WORD_VALUES[part]!;
    if (value < 100) {
      let top = segs.pop()!;
      if (top >= 1000) {
        segs.push(top);
        top = 0;
      }
      segs.push(top + value);
    } else segs.push(segs.pop()! * value);
  }
  return segs.reduce((a, b) => a + b, 0);
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];
const ROMAN_VALUES: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };

export function decimalToRoman(value: number): string {
  let out = '';
  let rest = value;
  for (const [n, numeral] of ROMAN) {
    while (rest >= n) {
      out += numeral;
      rest -= n;
    }
  }
  return out;
}

export function romanToDecimal(roman: string): number {
  let decimal = 0;
  let max = 1;
  for (let i = roman.length - 1; i >= 0; i--) {
    const value = ROMAN_VALUES[roman[i]!]!;
    if (value < max) decimal -= value;
    else {
      max = value;
      decimal += value;
    }
  }
  return decimal;
}

/** Spreadsheet column letters: 1 is a, 26 z, 27 aa. */
export function decimalToLetters(value: number, aChar: string): string {
  const letters: string[] = [];
  const aCode = aChar.charCodeAt(0);
  for (let v = value; v > 0; v = Math.floor((v - 1) / 26)) letters.unshift(String.fromCharCode(((v - 1) % 26) + aCode));
  return letters.join('');
}

export function lettersToDecimal(letters: string, aChar: string): number {
  const aCode = aChar.charCodeAt(0);
  let decimal = 0;
  for (let i = 0; i < letters.length; i++) decimal += (letters.charCodeAt(letters.length - i - 1) - aCode + 1) * Math.pow(26, i);
  return decimal;
}
