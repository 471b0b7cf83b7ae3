import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';

const S = MODULES['dw::core::Strings']!;
// A class instance, as the compiler's regex values are (a plain object would be an Object).
class Regex {
  readonly dwRegex = true as const;
  constructor(readonly source: string) {}
  global(): RegExp {
    return new RegExp(this.source, 'g');
  }
  once(): RegExp {
    return new RegExp(this.source);
  }
}
const regex = (source: string) => new Regex(source);

describe('dw::core::Strings (documented examples)', () => {
  it.each<[string, DwValue[], DwValue]>([
    ['appendIfMissing', ['abc', 'xyz'], 'abcxyz'],
    ['appendIfMissing', ['abcxyz', 'xyz'], 'abcxyz'],
    ['appendIfMissing', [null, ''], null],
    ['prependIfMissing', ['abc', 'xyz'], 'xyzabc'],
    ['prependIfMissing', ['xyzabc', 'xyz'], 'xyzabc'],
    ['camelize', ['customer_first_name'], 'customerFirstName'],
    ['camelize', ['_name_starts_with_underscore'], 'nameStartsWithUnderscore'],
    ['camelize', [null], null],
    ['capitalize', ['customer'], 'Customer'],
    ['capitalize', ['customer_first_name'], 'Customer First Name'],
    ['capitalize', ['customer NAME'], 'Customer Name'],
    ['capitalize', ['customerName'], 'Customer Name'],
    ['dasherize', ['customer'], 'customer'],
    ['dasherize', ['customer_first_name'], 'customer-first-name'],
    ['dasherize', ['customer NAME'], 'customer-name'],
    ['dasherize', ['customerName'], 'customer-name'],
    ['underscore', ['customer'], 'customer'],
    ['underscore', ['customer-first-name'], 'customer_first_name'],
    ['underscore', ['customer NAME'], 'customer_name'],
    ['underscore', ['customerName'], 'customer_name'],
    ['charCode', ['Mule'], 77],
    ['charCodeAt', ['charCodeAt', 4], 67],
    ['fromCharCode', [67], 'C'],
    ['fromCharCode', [117], 'u'],
    ['charCodeAt', ['MuleSoft', 1], 117],
    ['collapse', ['a  b babb a'], ['a', '  ', 'b', ' ', 'b', 'a', 'bb', ' ', 'a']],
    ['collapse', ['access'], ['a', 'cc', 'e', 'ss']],
    ['countMatches', ['hello worlo!', 'lo'], 2],
    ['countMatches', ['hello, ciao!', regex('[aeiou]')], 5],
    ['countMatches', [null, 'x'], null],
    ['first', ['hello world!', 5], 'hello'],
    ['first', ['Mule', 10], 'Mule'],
    ['first', ['Mule', -1], ''],
    ['first', ['Mule', 2.7], 'Mu'],
    ['last', ['hello world!', 6], 'world!'],
    ['last', ['Mule', 0], ''],
    ['last', ['Mule', 9], 'Mule'],
    ['hammingDistance', ['holu', 'chau'], 3],
    ['hammingDistance', ['ab', 'abc'], null],
    ['levenshteinDistance', ['kitten', 'sitting'], 3],
    ['levenshteinDistance', ['', 'abc'], 3],
    ['isAlpha', ['sdfvxer'], true],
    ['isAlpha', ['ecvt4'], false],
    ['isAlpha', [''], false],
    ['isAlpha', [null], false],
    ['isAlphanumeric', ['ecvt4'], true],
    ['isAlphanumeric', ['ecvt 4'], false],
    ['isNumeric', ['123'], true],
    ['isNumeric', ['12.3'], false],
    ['isNumeric', ['-123'], false],
    ['isNumeric', ['१२३'], true],
    ['isNumeric', [''], false],
    ['isLowerCase', [null], false],
    ['isLowerCase', [''], false],
    ['isLowerCase', ['  '], false],
    ['isLowerCase', ['abc'], true],
    ['isLowerCase', ['aBC'], false],
    ['isLowerCase', ['a c'], false],
    ['isLowerCase', ['a1c'], false],
    ['isLowerCase', ['a/c'], false],
    ['isUpperCase', ['ABC'], true],
    ['isUpperCase', ['AbC'], false],
    ['isWhitespace', [null], false],
    ['isWhitespace', [''], true],
    ['isWhitespace', ['  \t\n'], true],
    ['isWhitespace', [' ab c'], false],
    ['leftPad', [null, 3], null],
    ['leftPad', ['', 3], '   '],
    ['leftPad', ['bat', 5], '  bat'],
    ['leftPad', ['bat', 3], 'bat'],
    ['leftPad', ['bat', -1], 'bat'],
    ['leftPad', ['7', 3, '0'], '007'],
    ['rightPad', [null, 3], null],
    ['rightPad', ['', 3], '   '],
    ['rightPad', ['bat', 5], 'bat  '],
    ['rightPad', ['bat', 3], 'bat'],
    ['rightPad', ['bat', -1], 'bat'],
    ['lines', ['hello world\n\nhere   data-weave'], ['hello world', '', 'here   data-weave']],
    ['lines', ['a\r\nb\rc'], ['a', 'b', 'c']],
    ['ordinalize', [1], '1st'],
    ['ordinalize', [2], '2nd'],
    ['ordinalize', [5], '5th'],
    ['ordinalize', [103], '103rd'],
    ['ordinalize', [11], '11th'],
    ['ordinalize', [112], '112th'],
    ['ordinalize', [21], '21st'],
    ['ordinalize', [null], null],
    ['pluralize', ['box'], 'boxes'],
    ['pluralize', ['boxes'], 'boxes'],
    ['pluralize', ['cat'], 'cats'],
    ['pluralize', ['person'], 'people'],
    ['pluralize', ['city'], 'cities'],
    ['pluralize', ['knife'], 'knives'],
    ['pluralize', ['bus'], 'buses'],
    ['pluralize', ['sheep'], 'sheep'],
    ['pluralize', ['ox'], 'oxen'],
    ['pluralize', ['wolf'], 'wolves'],
    ['pluralize', ['word'], 'words'],
    ['pluralize', ['hero'], 'heroes'],
    ['pluralize', ['status'], 'statuses'],
    ['pluralize', ['class'], 'classes'],
    ['pluralize', ['Person'], 'People'],
    ['pluralize', ['matrix'], 'matrices'],
    ['pluralize', ['child'], 'children'],
    ['pluralize', ['children'], 'children'],
    ['pluralize', [''], ''],
    ['pluralize', [null], null],
    ['singularize', ['boxes'], 'box'],
    ['singularize', ['box'], 'box'],
    ['singularize', ['people'], 'person'],
    ['singularize', ['cities'], 'city'],
    ['singularize', ['knives'], 'knife'],
    ['singularize', ['analyses'], 'analysis'],
    ['singularize', ['cats'], 'cat'],
    ['singularize', ['status'], 'status'],
    ['singularize', ['statuses'], 'status'],
    ['singularize', ['class'], 'class'],
    ['singularize', ['wolves'], 'wolf'],
    ['singularize', ['matrices'], 'matrix'],
    ['singularize', ['oxen'], 'ox'],
    ['singularize', ['news'], 'news'],
    ['singularize', [null], null],
    ['remove', ['lazyness purity state higher-order stateful', 'state'], 'lazyness purity  higher-order ful'],
    ['remove', [null, 'x'], null],
    ['repeat', ['e', 0], ''],
    ['repeat', ['e', 3], 'eee'],
    ['repeat', ['e', -2], ''],
    ['replaceAll', ['Mariano', 'a', 'A'], 'MAriAno'],
    ['replaceAll', [null, 'a', 'A'], null],
    ['reverse', ['Mariano'], 'onairaM'],
    ['reverse', ['a😀b'], 'b😀a'],
    ['reverse', [null], null],
    ['substring', ['hello world!', 1, 5], 'ello'],
    ['substring', ['hello', -1, 99], 'hello'],
    ['substring', ['hello', 3, 1], ''],
    ['substring', [null, 1, 2], null],
    ['substringAfter', [null, "'"], null],
    ['substringAfter', ['', '-'], ''],
    ['substringAfter', ['abc', 'b'], 'c'],
    ['substringAfter', ['abcba', 'b'], 'cba'],
    ['substringAfter', ['abc', 'd'], ''],
    ['substringAfter', ['abc', ''], 'abc'],
    ['substringAfterLast', [null, "'"], null],
    ['substringAfterLast', ['', '-'], ''],
    ['substringAfterLast', ['abc', 'b'], 'c'],
    ['substringAfterLast', ['abcba', 'b'], 'a'],
    ['substringAfterLast', ['abc', 'd'], ''],
    ['substringAfterLast', ['abc', ''], null],
    ['substringBefore', [null, "'"], null],
    ['substringBefore', ['', '-'], ''],
    ['substringBefore', ['abc', 'b'], 'a'],
    ['substringBefore', ['abc', 'c'], 'ab'],
    ['substringBefore', ['abc', 'd'], ''],
    ['substringBefore', ['abc', ''], ''],
    ['substringBeforeLast', [null, "'"], null],
    ['substringBeforeLast', ['', '-'], ''],
    ['substringBeforeLast', ['abc', 'b'], 'a'],
    ['substringBeforeLast', ['abcba', 'b'], 'abc'],
    ['substringBeforeLast', ['abc', 'd'], ''],
    ['substringBeforeLast', ['abc', ''], 'ab'],
    ['substringEvery', ['substringEvery', 3], ['sub', 'str', 'ing', 'Eve', 'ry']],
    ['substringEvery', ['abc', 5], ['abc']],
    ['substringEvery', [null, 3], null],
    ['unwrap', [null, ''], null],
    ['unwrap', [null, '\0'], null],
    ['unwrap', ["'abc'", "'"], 'abc'],
    ['unwrap', ['AABabcBAA', 'A'], 'ABabcBA'],
    ['unwrap', ['A', '#'], 'A'],
    ['unwrap', ['#A', '#'], '#A'],
    ['unwrap', ['A#', '#'], 'A#'],
    ['unwrap', ['#', '#'], '#'],
    ['withMaxSize', ['123', 10], '123'],
    ['withMaxSize', ['123', 3], '123'],
    ['withMaxSize', ['123', 2], '12'],
    ['withMaxSize', ['123', 0], '123'],
    ['withMaxSize', [null, 23], null],
    ['words', ['hello world\nhere\t\t\tdata-weave'], ['hello', 'world', 'here', 'data-weave']],
    ['words', [null], null],
    ['wrapIfMissing', [null, "'"], null],
    ['wrapIfMissing', ['', "'"], "'"],
    ['wrapIfMissing', ['ab', 'x'], 'xabx'],
    ['wrapIfMissing', ["'ab'", "'"], "'ab'"],
    ['wrapIfMissing', ['/', '/'], '/'],
    ['wrapIfMissing', ['a/b/c', '/'], '/a/b/c/'],
    ['wrapIfMissing', ['/a/b/c', '/'], '/a/b/c/'],
    ['wrapIfMissing', ['a/b/c/', '/'], '/a/b/c/'],
    ['wrapWith', [null, "'"], null],
    ['wrapWith', ['', "'"], "''"],
    ['wrapWith', ['ab', 'x'], 'xabx'],
    ['wrapWith', ["'ab'", "'"], "''ab''"],
    ['wrapWith', ['ab', "'"], "'ab'"],
  ])('%s(%j) = %j', (name, args, expected) => {
    expect(S[name]!(...args)).toEqual(expected);
  });
});

describe('dw::core::Strings lambdas', () => {
  const isNumeric = S.isNumeric!;
  it('countCharactersBy counts the characters the predicate accepts', () => {
    expect(S.countCharactersBy!('42 = 11 * 2 + 20', (c) => isNumeric(c))).toBe(7);
    expect(S.countCharactersBy!(null, () => true)).toBeNull();
  });
  it('everyCharacter and someCharacter', () => {
    expect(S.everyCharacter!('12 34  56', (c) => c === ' ' || isNumeric(c) === true)).toBe(true);
    expect(S.everyCharacter!('12a', (c) => isNumeric(c))).toBe(false);
    expect(S.everyCharacter!(null, () => false)).toBe(true);
    expect(S.someCharacter!('someCharacter', (c) => c === 'C')).toBe(true);
    expect(S.someCharacter!('abc', (c) => c === 'z')).toBe(false);
    expect(S.someCharacter!(null, () => true)).toBe(false);
  });
  it('mapString maps each character with its index', () => {
    expect(S.mapString!('$234', (c) => (isNumeric(c) ? '~' : c))).toBe('$~~~');
    expect(S.mapString!('abc', (c, i) => `${c as string}${i as number}`)).toBe('a0b1c2');
    expect(S.mapString!(null, (c) => c)).toBeNull();
  });
  it('substringBy splits where the predicate holds', () => {
    expect(S.substringBy!('hello~world=here_data-weave', (c) => c === '~' || c === '=' || c === '_')).toEqual(['hello', 'world', 'here', 'data-weave']);
    expect(S.substringBy!('a-b', (_c, i) => i === 1)).toEqual(['a', 'b']);
    expect(S.substringBy!(null, () => true)).toBeNull();
  });
  it('a non-Boolean condition is an error', () => {
    expect(() => S.everyCharacter!('ab', () => 1)).toThrow(/Boolean/);
  });
  it('a wrong argument type is DataWeave\u2019s mismatch error', () => {
    expect(() => S.camelize!({ a: 1 })).toThrow(/You called the function 'camelize' with these arguments/);
    expect(() => S.charCodeAt!('abc', 5)).toThrow(/out of bounds/);
    expect(() => S.charCode!('')).toThrow('Unexpected empty string');
    expect(() => S.levenshteinDistance!(null, 'a')).toThrow(/levenshteinDistance/);
  });
});
