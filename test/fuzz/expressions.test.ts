/**
 * Fuzz: hostile expressions, as flows compile and evaluate them; and the linear-time regex
 * engine against JavaScript's own.
 *
 * CI runs a fixed seed (about 20 s on two busy cores); hunt longer with
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz/expressions.test.ts
 * Whatever a property finds goes into its `examples` once fixed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULE } from '../../src/errors/catalog/index.js';
import { FlowError } from '../../src/errors/flow-error.js';
import { compileExpression } from '../../src/expr/compile.js';
import { createLibrary } from '../../src/expr/functions.js';
import { LinearRegExp } from '../../src/expr/linear-regex.js';
import { FlowEvent } from '../../src/runtime/event.js';
import { fuzz, timeLimit } from './settings.js';

const SEED = 0x0e59_0001;
const at = { file: 'flows/app.xml', line: 1, col: 1 };
const library = createLibrary({ property: (name) => (name === 'greeting' ? 'hello' : undefined) });
// A short timeout keeps each run short; what is checked is that evaluation ends, and how.
const limits = { timeoutMs: 300, maxDepth: 200 };

// Anything that rejects without a handler fails the property, not only the test run's summary.
const unhandled: unknown[] = [];
const record = (e: unknown) => void unhandled.push(e);
beforeAll(() => void process.on('unhandledRejection', record));
afterAll(() => void process.off('unhandledRejection', record));

/** What one hostile expression did: compiled or not, then resolved or failed with MULE:EXPRESSION. */
async function outcome(source: string, event: FlowEvent): Promise<'diagnostic' | 'value' | 'expression-error'> {
  const compiled = compileExpression(source, at, { library, limits });
  if ('code' in compiled) {
    expect(compiled.severity).toBe('error');
    return 'diagnostic';
  }
  try {
    await compiled.evaluate(event);
    return 'value';
  } catch (e) {
    expect(e).toBeInstanceOf(FlowError);
    expect({ source, type: (e as FlowError).type.id }).toEqual({ source, type: MULE.EXPRESSION.id });
    return 'expression-error';
  }
}

const CATASTROPHIC = [
  '(a+)+$',
  '^(a+)+$',
  '(a|aa)+$',
  '(a|a)*b',
  '(x+x+)+y',
  '(\\w+\\s?)+$',
  '^(\\d+)*$',
  '(.*a){12}',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(a*)*b',
];
const HOSTILE_INPUTS = ['a'.repeat(30) + '!', 'x'.repeat(5_000), 'a'.repeat(50) + 'c', `${'1'.repeat(40)}x`, 'ab'.repeat(2_000)];

const str = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => JSON.stringify(s));
const num = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map(String), fc.constantFrom('0', '1e308', '1e-320', '-1', '9007199254740993', '1.5', '1e400'));
const path = fc.constantFrom(
  'payload',
  'payload.a',
  'payload.items',
  'payload.items[0]',
  'payload.items[price > 1]',
  'payload.**',
  'payload.*',
  '$',
  '$$',
  'attributes.queryParams.q',
  'vars.n',
  'payload.text',
  '$count(payload.items)',
  'payload.a.b.c.d',
);
const regexBody = fc.oneof(fc.constantFrom(...CATASTROPHIC), fc.stringMatching(/^[ab()|+*?.^$\\dw[\]{}2,-]{1,12}$/));
const regex = fc.tuple(regexBody, fc.constantFrom('', 'i', 'm')).map(([body, flags]) => `/${body.replace(/\//g, '\\/')}/${flags}`);
const big = fc.constantFrom('10', '1000', '100000', '10000000', '100000000', '1e9');

/** A grammar-ish JSONata generator: paths, literals, operators, functions (regex ones included), lambdas, recursion. */
const { expr } = fc.letrec<{ expr: string }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str,
      num,
      path,
      fc.constantFrom('true', 'false', 'null', '[]', '{}', 'undefined', '$now()', '$random()', '$uuid()', "$p('greeting')"),
      fc.tuple(e, fc.constantFrom('+', '-', '*', '/', '%', '&', '=', '!=', '<', '>=', 'and', 'or', 'in', '..'), e).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(e, e).map(([a, b]) => `[${a}, ${b}]`),
      fc.tuple(str, e).map(([k, v]) => `{${k}: ${v}}`),
      fc.tuple(e, e, e).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(e, regex).map(([s, r]) => `$match($string(${s}), ${r})`),
      fc.tuple(e, regex, str).map(([s, r, t]) => `$replace($string(${s}), ${r}, ${t})`),
      fc.tuple(e, fc.oneof(regex, str)).map(([s, r]) => `$split($string(${s}), ${r})`),
      fc.tuple(e, regex).map(([s, r]) => `$contains($string(${s}), ${r})`),
      fc.tuple(fc.constantFrom(...CATASTROPHIC), fc.constantFrom(...HOSTILE_INPUTS)).map(([r, input]) => `$match(${JSON.stringify(input)}, /${r}/)`),
      e.map((a) => `$string(${a})`),
      e.map((a) => `$sort(${a})`),
      e.map((a) => `$reduce(${a}, function($x, $y) { $x & $y })`),
      e.map((a) => `$map(${a}, function($v, $i) { $v & $i })`),
      e.map((a) => `$keys(${a})`),
      e.map((a) => `$number(${a})`),
      e.map((a) => `$eval(${a})`),
      e.map((a) => `$sum(${a})`),
      e.map((a) => `$base64decode(${a})`),
      e.map((a) => `$decodeUrlComponent($string(${a}))`),
      e.map((a) => `$formatNumber(${a}, '#,##0.00')`),
      e.map((a) => `$fromMillis(${a})`),
      // JSONata's own $pad held the event loop ~4 s at a width of 1e7 (src/expr/string-functions.ts).
      fc.tuple(e, fc.constantFrom('10', '-1000', '100000', '10000000', '-10000001', '1e12'), str).map(([s, n, p]) => `$pad($string(${s}), ${n}, ${p})`),
      big.map((n) => `$count([1..${n}])`),
      big.map((n) => `$sum([1..${n}])`),
      big.map((n) => `($f := function($x) { $x > 0 ? $f($x - 1) : 0 }; $f(${n}))`),
      big.map((n) => `($f := function($x) { $x > 0 ? 1 + $f($x - 1) : 0 }; $f(${n}))`),
      fc.integer({ min: 1, max: 40 }).map((n) => `$reduce([1..${n}], function($acc) { $acc & $acc }, 'ab')`),
      e.map((a) => `$sort([1..1000], function($l, $r) { ${a} })`),
      fc.tuple(fc.constantFrom('(', '[', '{', '$', '"', "'", '/', '`', ':=', '~>', '|', '#', '@', '%'), e).map(([junk, a]) => `${a}${junk}`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `${'('.repeat(n)}1${')'.repeat(n)}`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `${'['.repeat(n)}1${']'.repeat(n)}`),
    ),
  };
});

/** Events with awkward payloads: nested, big, missing, odd numbers. */
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('a'.repeat(30) + '!', 'x'.repeat(5_000), null, undefined),
  fc.record({ a: fc.jsonValue({ maxDepth: 2 }), items: fc.array(fc.record({ price: fc.double() }), { maxLength: 5 }), text: fc.string() }),
);
const event = fc
  .tuple(payload, fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }), fc.integer())
  .map(([p, queryParams, n]) => FlowEvent.create({ payload: p, attributes: { queryParams } }, 'fuzz', { n }));

describe('fuzz: expressions', () => {
  it(
    'compile to an expression or a diagnostic; evaluate to a value or MULE:EXPRESSION, and end',
    async () => {
      await fc.assert(
        fc.asyncProperty(expr, event, async (source, ev) => {
          await outcome(source, ev);
          expect(unhandled).toEqual([]);
        }),
        fuzz(SEED, 600, [
          // The seed: exponential on a backtracking engine.
          [`$match(payload, /^(a+)+$/)`, FlowEvent.create({ payload: `${'a'.repeat(30)}!`, attributes: {} })],
          [`$count([1..10000000])`, FlowEvent.create({ payload: null, attributes: {} })],
          [`$pad('', 100000, 'x')`, FlowEvent.create({ payload: null, attributes: {} })],
          [`$reduce([1..40], function($acc) { $acc & $acc }, 'ab')`, FlowEvent.create({ payload: null, attributes: {} })],
          [`($f := function($x) { $x > 0 ? 1 + $f($x - 1) : 0 }; $f(100000000))`, FlowEvent.create({ payload: null, attributes: {} })],
          [`$eval('$eval("$eval(\\'1\\')")')`, FlowEvent.create({ payload: null, attributes: {} })],
          [`${'('.repeat(5_000)}1${')'.repeat(5_000)}`, FlowEvent.create({ payload: null, attributes: {} })],
        ]),
      );
    },
    timeLimit(600, 400),
  );

  it(
    'catastrophic patterns on long inputs end, with the answer JavaScript would give',
    async () => {
      const long = fc.tuple(fc.constantFrom('a', 'x', 'ab', '1', 'aa '), fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('!', 'c', '', 'y', 'b'));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CATASTROPHIC), long, async (pattern, [unit, n, tail]) => {
          const input = unit.repeat(n) + tail;
          const compiled = compileExpression(`$contains(payload, /${pattern}/)`, at, { library, limits });
          if ('code' in compiled) throw new Error(compiled.message);
          const found = await compiled.evaluate(FlowEvent.create({ payload: input, attributes: {} }));
          // Short inputs are cheap enough for JavaScript's engine to answer too: the same answer.
          if (n <= 20) expect(found).toBe(new RegExp(pattern).test(input));
          expect(typeof found).toBe('boolean');
        }),
        fuzz(SEED + 1, 60, [['^(a+)+$', ['a', 30, '!']]]),
      );
    },
    timeLimit(60, 500),
  );
});

/**
 * Patterns RE2 and JavaScript read alike by design: literals, classes, escapes, groups,
 * alternation, quantifiers (greedy and lazy), anchors. Letters are ASCII, so `i` never meets
 * Unicode case folding.
 */
const { pattern } = fc.letrec<{ pattern: string }>((tie) => {
  const p = tie('pattern');
  const atom = fc.oneof(
    fc.constantFrom(
      'a',
      'b',
      'c',
      'A',
      'B',
      'x',
      '0',
      '1',
      ' ',
      '-',
      ',',
      '\u00e9',
      '.',
      '\\.',
      '\\*',
      '\\(',
      '\\)',
      '\\[',
      '\\]',
      '\\{',
      '\\}',
      '\\/',
      '\\\\',
      '\\|',
      '\\?',
      '\\+',
      '\\^',
      '\\$',
    ),
    fc.constantFrom('\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\b', '\\B', '\\t', '\\n', '\\r', '\\f', '\\v', '\\0', '\\x41', '\\u00e9', '\\cJ', '^', '$'),
    fc.constantFrom('[abc]', '[^abc]', '[a-c]', '[^a-c0-9]', '[\\d,]', '[\\w-]', '[.]', '[\\]a]', '[a\\-z]', '[\\s\\d]', '[^\\s]', '[\\^]', '[ab^]'),
    // Letters whose escape means something to RE2 but is the letter itself to JavaScript.
    fc.constantFrom('\\a', '\\z', '\\A', '\\Q', '\\E', '\\C', '\\e', '\\y', '\\m', '\\g', '\\h', '\\R', '\\X', '\\K', '\\G', '\\Z'),
    // Brackets RE2 reads differently inside a class (POSIX classes) or as a literal.
    fc.constantFrom('[[:alpha:]]', '[[a]', '[a[]', '[[:digit:]x]', ']', '}', '{', 'a{', 'a{,2}', 'a{2,1}', '{1}'),
  );
  const quantifier = fc.constantFrom('', '', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{0,}', '{2,}?');
  return {
    pattern: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(atom, quantifier).map(([a, q]) => a + (a === '^' || a === '$' || a === '\\b' || a === '\\B' ? '' : q)),
      fc.tuple(p, p).map(([a, b]) => a + b),
      fc.tuple(p, p).map(([a, b]) => `${a}|${b}`),
      fc.tuple(p, quantifier).map(([a, q]) => `(${a})${q}`),
      fc.tuple(p, quantifier).map(([a, q]) => `(?:${a})${q}`),
      fc.tuple(p, quantifier).map(([a, q]) => `(?<g>${a})${q}`),
    ),
  };
});
const subject = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    'c',
    'A',
    'x',
    '0',
    '1',
    ' ',
    '-',
    ',',
    '.',
    '\n',
    '\r',
    '\t',
    '\u00e9',
    '\u00a0',
    '[',
    ']',
    '{',
    '}',
    '\\',
    '/',
    'z',
    'Q',
    'E',
  ),
  maxLength: 14,
});

/** Every match a global regex finds from each start offset, as JSONata asks for them (exec from lastIndex). */
function matchesFrom(re: { lastIndex: number; exec(s: string): RegExpExecArray | null }, input: string, groups: boolean): unknown[] {
  const out: unknown[] = [];
  for (let from = 0; from <= input.length; from++) {
    re.lastIndex = from;
    const m = re.exec(input);
    out.push(m === null ? null : { index: m.index, match: m[0], groups: groups ? [...m] : m.length, lastIndex: re.lastIndex });
  }
  return out;
}

/**
 * Where RE2 and JavaScript part, as this property found; each is a class, not one case, and none
 * is a translation mistake linear-regex.ts could mend (RE2 has no way to say what JavaScript means):
 *
 * 1. Captures of repeated groups. JavaScript clears the captures inside a quantified group at each
 *    repetition and never records an empty repetition (ECMA-262 §22.2.2.5.1 RepeatMatcher); RE2
 *    keeps the last value each group had. /(?:(a)|b)+/ on "ab": group 1 is undefined in JavaScript,
 *    "a" on RE2; (a?)* on "": undefined against "". The match itself (text, index) is the same.
 * 2. Characters outside the BMP. Without the u flag JavaScript matches UTF-16 code units, RE2 code
 *    points: /^.$/ and /[^a]/ take a whole "😀" on RE2, half of it (or nothing) in JavaScript.
 * 3. Case folding beyond ASCII with the i flag, even for ASCII patterns: RE2 folds U+017F (ſ) with
 *    s and U+212A (Kelvin sign) with k, through [a-z], \w and \b too; JavaScript without u does not.
 *
 * 4. Repeated groups whose body can match the empty string and prefers to (a lazy ?? or *? inside):
 *    JavaScript refuses an empty repetition and backtracks into the body to take a character, RE2
 *    takes the empty one. /(?:a??)+/ on "a" matches "a" in JavaScript, "" on RE2.
 *
 * The generators keep inputs to the BMP and away from ſ and K (2, 3); groups are compared only for
 * patterns without a capture in a repeated group (1), and patterns that repeat a group that can
 * match nothing are left out (4).
 */
function repeatedGroups(source: string): { captures: boolean; nullable: boolean } {
  // The open groups: where each starts and whether it captures or holds a capture.
  const open: Array<{ at: number; capture: boolean }> = [];
  const found = { captures: false, nullable: false };
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') open.push({ at: i, capture: source[i + 1] !== '?' || source[i + 2] === '<' });
    else if (c === ')') {
      const group = open.pop();
      if (!group) continue;
      if (/^(?:[*+?]|\{\d*,?\d*\})/.test(source.slice(i + 1))) {
        found.captures ||= group.capture;
        // JavaScript itself says whether the group can match nothing (assertions, which hold or not
        // depending on where, taken as holding).
        const body = source.slice(group.at, i + 1).replace(/\\[\s\S]|[\^$]/g, (t) => (['\\b', '\\B', '^', '$'].includes(t) ? '' : t));
        found.nullable ||= new RegExp(`^(?:${body})$`).test('');
      }
      if (group.capture && open.length > 0) open[open.length - 1]!.capture = true;
    }
  }
  return found;
}

describe('fuzz: LinearRegExp against JavaScript', () => {
  it(
    'finds the same matches, groups and positions as RegExp for patterns both engines read',
    () => {
      fc.assert(
        fc.property(pattern, fc.constantFrom('g', 'gi', 'gm'), subject, (source, flags, input) => {
          let native: RegExp;
          try {
            native = new RegExp(source, flags);
          } catch {
            return; // not JavaScript: JSONata refuses it before any engine sees it
          }
          const repeated = repeatedGroups(source);
          fc.pre(!repeated.nullable);
          const groups = !repeated.captures;
          const linear = matchesFrom(new LinearRegExp(native), input, groups);
          expect({ source, flags, input, found: linear }).toEqual({ source, flags, input, found: matchesFrom(new RegExp(source, flags), input, groups) });
        }),
        fuzz(SEED + 2, 10_000, [
          ['\\a', 'g', 'a'],
          ['[[:alpha:]]', 'g', 'a]'],
          ['\\z', 'g', 'z'],
        ]),
      );
    },
    timeLimit(10_000, 5),
  );
});
