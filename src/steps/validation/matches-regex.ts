import { MULE, VALIDATION } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { condition } from '../../expr/boolean.js';
import { wholeMatcher } from '../../expr/linear-regex.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, asString, MESSAGE, shown, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:matches-regex';

/**
 * `<validation:matches-regex value regex caseSensitive>`: fails with VALIDATION:MISMATCH unless the
 * whole text matches (Java's Matcher.matches(), not a search). A literal regex is compiled at load.
 * The text comes from requests, so the match runs on RE2 (linear time) whenever the pattern allows;
 * one that needs backtracking runs on JavaScript's engine and is a warning at load.
 */
export const matchesRegex: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'The text to test.' },
      regex: { kind: 'expression-supported', required: true, doc: 'A Java-style regular expression the whole text must match.' },
      caseSensitive: { kind: 'expression-supported', type: 'boolean', default: 'true' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that a string matches a regular expression as a whole; raises VALIDATION:MISMATCH otherwise.',
  },
  throws: [VALIDATION.MISMATCH],
  build(node) {
    const value = node.value('value');
    const regex = node.value('regex');
    const caseSensitive = node.value('caseSensitive');
    if (!value || !regex || !caseSensitive) return undefined;
    const sensitive = condition(caseSensitive);
    let compiled: (source: string, sensitive: boolean) => Matcher;
    if (regex.constant) {
      const variants = [javaRegex(regex.source, false), javaRegex(regex.source, true)];
      const problem = variants.find((v): v is { problem: string } => 'problem' in v);
      if (problem) {
        node.error(
          'invalid-regex',
          `regex "${regex.source}" is not a valid regular expression: ${problem.problem}`,
          JAVA_HINT,
          node.element.attrs.get('regex')?.valueLoc,
        );
        return undefined;
      }
      const [insensitive, exact] = variants as Matcher[];
      if (exact!.backtracking) {
        node.warn(
          'backtracking-regex',
          `regex "${regex.source}" runs on a backtracking engine: ${exact!.backtracking}`,
          'a hostile value can then hold every request for as long as it matches; without lookaround or backreferences it runs in linear time',
          node.element.attrs.get('regex')?.valueLoc,
        );
      }
      compiled = (_source, s) => (s ? exact! : insensitive!);
    } else {
      compiled = cachedRegex;
    }
    return validator(node, VALIDATION.MISMATCH, async (event) => {
      const text = asString(await value.evaluate(event), 'value', value, ELEMENT);
      const source = regex.constant ? regex.source : (asString(await regex.evaluate(event), 'regex', regex, ELEMENT) ?? '');
      const re = compiled(source, await sensitive(event));
      return text !== null && re.test(text) ? undefined : `${shown(text)} is not valid under the terms of regex ${source}`;
    });
  },
};

const JAVA_HINT =
  "flowrt runs regular expressions with JavaScript's engine: Java-only syntax (possessive quantifiers, atomic groups, \\A, \\Z) has no equivalent";

/** Tests a whole text; `backtracking` says why it is not on RE2, when it is not. */
interface Matcher {
  test(text: string): boolean;
  readonly backtracking?: string;
}

const cache = new Map<string, Matcher>();

/** A regex that an expression gave, compiled once per distinct text and case mode. */
function cachedRegex(source: string, sensitive: boolean): Matcher {
  const key = `${sensitive ? 's' : 'i'}${source}`;
  let re = cache.get(key);
  if (!re) {
    const compiled = javaRegex(source, sensitive);
    if ('problem' in compiled) throw new FlowError(MULE.EXPRESSION, `regex "${source}" is not a valid regular expression: ${compiled.problem}`);
    // Bounded: an expression building a new regex per event must not grow memory forever.
    if (cache.size >= 256) cache.clear();
    cache.set(key, (re = compiled));
  }
  return re;
}

const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '' };

/**
 * A Java regular expression as a test of the whole text, as Java's Matcher.matches() does: on RE2
 * when it can be, else a JavaScript RegExp. Leading inline flags (`(?i)`) become RegExp flags.
 * Unicode mode is used when the pattern allows it; Java also accepts escaped punctuation (`\@`,
 * `\_`) that unicode mode rejects, so such a pattern falls back to plain mode, unless it uses
 * `\p{…}`, which plain mode would read as text.
 */
export function javaRegex(source: string, caseSensitive: boolean): Matcher | { problem: string } {
  let body = source;
  let flags = caseSensitive ? '' : 'i';
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (inline) {
    for (const f of inline[1]!) {
      const mapped = INLINE_FLAGS[f];
      if (mapped === undefined) return { problem: `the inline flag (?${f}) has no JavaScript equivalent` };
      if (!flags.includes(mapped)) flags += mapped;
    }
    body = body.slice(inline[0].length);
  }
  const unicode = tryCompile(body, `${flags}u`);
  if (unicode instanceof RegExp) return whole(body, `${flags}u`);
  // Plain mode would read \A, \z … as the letters themselves: report them rather than change the meaning.
  const escape = javaOnlyEscape(body);
  if (escape) return { problem: `\\${escape} is Java-only syntax` };
  if (/\\[pP]\{/.test(body) || !(tryCompile(body, flags) instanceof RegExp)) return { problem: unicode };
  return whole(body, flags);
}

/** The first escaped letter Java knows and JavaScript does not (\A, \Z, \z, \G, \Q, \E, \R, \h, \H, \X, \e, \a). */
function javaOnlyEscape(body: string): string | undefined {
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') continue;
    const next = body[++i];
    if (next !== undefined && 'AZzGQERhHXea'.includes(next)) return next;
  }
  return undefined;
}

function whole(body: string, flags: string): Matcher {
  const linear = wholeMatcher(body, flags);
  if ('test' in linear) return linear;
  // Anchored with lookarounds rather than ^ and $, which (?m) would turn into line anchors.
  const re = new RegExp(`(?<![\\s\\S])(?:${body})(?![\\s\\S])`, flags);
  return { test: (text) => re.test(text), backtracking: linear.backtracking };
}

function tryCompile(body: string, flags: string): RegExp | string {
  try {
    return new RegExp(body, flags);
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
  }
}
