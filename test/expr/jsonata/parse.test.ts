import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { dataWeaveLine } from '../../../src/expr/dataweave.js';
import { parseJsonataAst } from '../../../src/expr/jsonata/parse/index.js';
import { rewriteKeySelectors } from '../../../src/expr/selectors.js';
import { flowExpressions } from './flow-expressions.js';

/*
 * flowrt's JSONata parser against the library's, on JSONata's whole suite and on every flow of
 * the repository: where the library parses, the trees are deep-equal (the compiler and the checks
 * read every field, positions included); where the library refuses, ours gives up, so the
 * library reports the error.
 */

const suite = JSON.parse(readFileSync('test/fixtures/jsonata-suite.json', 'utf8')) as { groups: Record<string, { expr?: string }[]> };

/** Every suite case but those our parser leaves to the library (lambda signatures); a drop means a regression. */
const MIN_SAME = 1536;

const suiteExpressions = [...new Set(Object.values(suite.groups).flatMap((cases) => cases.flatMap((c) => (typeof c.expr === 'string' ? [c.expr] : []))))];
const flows = [
  ...new Set(
    flowExpressions()
      .filter((e) => dataWeaveLine(e) < 0)
      .flatMap((e) => [e, rewriteKeySelectors(e)]),
  ),
];

/** A tree as JSON: a regex literal as its source and flags, which JSON would otherwise drop. */
function plain(ast: unknown): unknown {
  return JSON.parse(JSON.stringify(ast, (_key, v: unknown) => (v instanceof RegExp ? { regex: v.source, flags: v.flags } : v)));
}

function libraryAst(source: string): unknown {
  try {
    return jsonata(source).ast();
  } catch {
    return undefined;
  }
}

interface Tally {
  same: number;
  gaveUp: string[];
  refused: number;
}

function compare(expressions: readonly string[]): Tally {
  const tally: Tally = { same: 0, gaveUp: [], refused: 0 };
  for (const source of expressions) {
    const theirs = libraryAst(source);
    const ours = parseJsonataAst(source);
    if (theirs === undefined) {
      expect(ours, `accepted what the library refuses: ${source}`).toBeUndefined();
      tally.refused++;
    } else if (ours === undefined) tally.gaveUp.push(source);
    else {
      expect(plain(ours), source).toEqual(plain(theirs));
      tally.same++;
    }
  }
  return tally;
}

describe('the JSONata parser', () => {
  it("builds the library's tree for every expression of JSONata's suite, and refuses what it refuses", () => {
    const tally = compare(suiteExpressions);
    expect(tally.same).toBeGreaterThanOrEqual(MIN_SAME);
    // What it leaves to the library is only lambdas with a signature.
    for (const source of tally.gaveUp) expect(source).toMatch(/(function|λ)\s*\([^)]*\)\s*</);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it("builds the library's tree for every JSONata expression of the repository's flows", () => {
    expect(flows.length).toBeGreaterThan(50);
    const tally = compare(flows);
    expect(tally.gaveUp).toEqual([]);
  });

  it.each([
    ['a regex literal', 'payload.name ~> $match(/^a(b|c)+$/i)'],
    ['comments and a backtick name', '/* the id */ `order id` /* end */'],
    ['escapes and a surrogate pair', '"tab\\t quote\\" \\ud83d\\ude00"'],
    ['parent references', 'Account.Order.Product.{ "o": %.OrderID, "a": %.%.`Account Name` }'],
    ['focus, index and sort', 'Account.Order@$o#$i.Product^(>Price)[$i > 0].{ "id": $o.OrderID }'],
    ['a transform', '$ ~> |Account.Order.Product|{"Price": Price * 2}, ["SKU"]|'],
    ['coalescing and elvis', 'payload.a ?? payload.b ?: "none"'],
    ['a partial application and a tail call', '($f := function($n){ $n > 0 ? $f($n - 1) : $substring(?, 0, 2) }; $f(3)("abc"))'],
  ])('parses %s as the library does', (_what, source) => {
    const theirs = libraryAst(source);
    expect(theirs).toBeDefined();
    expect(plain(parseJsonataAst(source))).toEqual(plain(theirs));
  });

  it('leaves deep nesting to the library, which decides between a tree and a stack overflow', () => {
    expect(parseJsonataAst('('.repeat(5000) + '1' + ')'.repeat(5000))).toBeUndefined();
    expect(parseJsonataAst(Array.from({ length: 3000 }, () => 'a').join(' + '))).toBeUndefined();
    expect(parseJsonataAst('('.repeat(50) + '1' + ')'.repeat(50))).toBeDefined();
  });

  it.each([['payload.'], ['"unterminated'], ['/* open'], ['$x := '], ['a[0]{"k": 1}{"j": 2}'], ['%.a'], ['1.2e999'], ['a ! b'], ['/(/']])(
    'gives up on %s, which the library refuses',
    (source) => {
      expect(libraryAst(source)).toBeUndefined();
      expect(parseJsonataAst(source)).toBeUndefined();
    },
  );
});
