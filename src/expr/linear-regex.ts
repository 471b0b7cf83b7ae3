import { RE2JS } from 're2js';

/**
 * Regular expressions of expressions run on RE2 (re2js, a pure-JavaScript port): matching time
 * is linear in the input, so `$match(payload, /^(a+)+$/)` on 'a'×30 + '!' answers in microseconds
 * instead of holding the event loop for seconds. JSONata's regex syntax is JavaScript's; this
 * file translates it to RE2's, keeping JavaScript's meaning where the two differ (`.` and `\s`).
 *
 * What RE2 cannot do (lookaround, backreferences, multiline anchors, which need backtracking) has
 * no linear-time engine: such a pattern runs on JavaScript's own RegExp, and `backtrackingReason`
 * says why, so the expression's author is warned at load.
 *
 * Where the engines still part (test/fuzz/expressions.test.ts compares them, and says more): the
 * captures of a repeated group (JavaScript clears them at each repetition), a repeated group that
 * can match nothing and prefers to (/(?:a??)+/), characters outside the BMP (JavaScript without
 * u matches code units), and, with i, ſ and the Kelvin sign, which RE2 folds with s and k.
 */

/** JavaScript's `\s` (WhiteSpace and LineTerminator, ECMA-262 §22.2.2.9), as RE2 class members. */
const JS_SPACE = String.raw`\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`;
/** JavaScript's `.` without the s flag: anything but a line terminator. */
const JS_DOT = String.raw`[^\n\r\x{2028}\x{2029}]`;

type Translation = { readonly pattern: string } | { readonly backtracking: string };

/** The JavaScript flags that change how a pattern reads (i is given to RE2 as its own flag). */
export interface PatternFlags {
  readonly multiline?: boolean;
  readonly dotAll?: boolean;
  readonly unicode?: boolean;
}

/** The RE2 form of a JavaScript pattern, or why it has none. */
export function translate(source: string, { multiline = false, dotAll = false, unicode = false }: PatternFlags = {}): Translation {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) return { backtracking: 'it ends in a lone backslash' };
      i++;
      if (/[1-9]/.test(next) || next === 'k') return { backtracking: 'it uses a backreference' };
      if ((next === 'p' || next === 'P') && !unicode) return { backtracking: '\\p without the u flag means the letter p in JavaScript' };
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S') {
        if (inClass) return { backtracking: 'it uses \\S inside a character class' };
        out += `[^${JS_SPACE}]`;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
        out += `\\x{${source.slice(i + 1, i + 5)}}`;
        i += 4;
      } else if (next === 'c' && /[a-zA-Z]/.test(source[i + 1] ?? '')) {
        out += `\\x{${(source.charCodeAt(i + 1) % 32).toString(16)}}`;
        i += 1;
      } else if (next === '0' && !/[0-9]/.test(source[i + 1] ?? '')) out += '\\x{0}';
      else if (next === '0') return { backtracking: 'it uses a legacy octal escape' };
      else if (next === '/') out += '/';
      else if (next === 'c') return { backtracking: '\\c without a control letter' };
      else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) out += '\\x';
      else out += escaped(next, inClass, unicode);
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      // RE2 reads [[:alpha:]] as a POSIX class; to JavaScript a [ in a class is the character.
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // JavaScript reads a ] right after [ or [^ as the end of an empty class, RE2 as a literal.
      if (source[i + 1] === ']' || (source[i + 1] === '^' && source[i + 2] === ']')) return { backtracking: 'it uses an empty character class' };
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const kind = source.slice(i + 2, i + 4);
      if (kind.startsWith('=') || kind.startsWith('!') || kind === '<=' || kind === '<!') return { backtracking: 'it uses lookahead or lookbehind' };
      if (kind.startsWith('<')) {
        out += '(?P<';
        i += 2;
        continue;
      }
    }
    if (c === '.') out += dotAll ? '(?s:.)' : JS_DOT;
    else if ((c === '^' || c === '$') && multiline) return { backtracking: 'its ^ or $ anchors lines (the m flag) at \\r and U+2028 too' };
    else out += c;
  }
  return { pattern: out };
}

/**
 * An escape translate() has no special case for: as written where RE2 reads it as JavaScript
 * does, else the character itself.
 */
function escaped(next: string, inClass: boolean, unicode: boolean): string {
  // With u, JavaScript refuses every escape it does not define, and the ones it does RE2 reads alike.
  if (unicode) return `\\${next}`;
  if (inClass && next === 'b') return '\\x{8}'; // [\b] is a backspace
  if ((inClass ? /^[dDwWfnrtv]$/ : /^[bBdDwWfnrtv]$/).test(next)) return `\\${next}`;
  if (next === 'x' || next === 'u') return next; // not followed by hex digits (those are handled): the letter
  // Annex B: any other escaped character is itself. RE2 reads \a, \z, \A, \Q, \C … as something else.
  return /^[A-Za-z0-9_]$/.test(next) || next.charCodeAt(0) > 0x7e ? next : `\\${next}`;
}

interface Compiled {
  readonly re2?: RE2JS;
  /** Set when the pattern cannot run on RE2. */
  readonly backtracking?: string;
}

// JSONata creates a regex engine object per evaluation of a regex literal; compile each literal once.
const compiled = new WeakMap<RegExp, Compiled>();

function compile(native: RegExp): Compiled {
  let found = compiled.get(native);
  if (!found) {
    const t = translate(native.source, native);
    if ('backtracking' in t) found = { backtracking: t.backtracking };
    else {
      try {
        found = { re2: RE2JS.compile(t.pattern, native.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) };
      } catch (e) {
        found = { backtracking: `RE2 cannot read it (${(e as Error).message})` };
      }
    }
    compiled.set(native, found);
  }
  return found;
}

/**
 * A test of whether the whole text matches `pattern` (JavaScript syntax and flags), on RE2; or
 * why it cannot run there. For patterns written elsewhere than in expressions (validation).
 *
 * @example
 * const m = wholeMatcher('[a-z]+\\d', 'i'); // ('test' in m) && m.test('Abc1') === true
 */
export function wholeMatcher(pattern: string, flags: string): { readonly test: (text: string) => boolean } | { readonly backtracking: string } {
  const t = translate(pattern, { multiline: flags.includes('m'), dotAll: flags.includes('s'), unicode: flags.includes('u') });
  if ('backtracking' in t) return t;
  try {
    const re2 = RE2JS.compile(`\\A(?:${t.pattern})\\z`, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (text) => re2.testExact(text) };
  } catch (e) {
    return { backtracking: `RE2 cannot read it (${(e as Error).message})` };
  }
}

/**
 * Why a regex literal must run on a backtracking engine, or undefined when it runs in linear time.
 *
 * @example
 * backtrackingReason(/a(?=b)/g); // 'it uses lookahead or lookbehind'
 */
export function backtrackingReason(native: RegExp): string | undefined {
  return compile(native).backtracking;
}

/**
 * The RegExp-like engine JSONata is given (its `RegexEngine` option): `exec` from `lastIndex`, as
 * a global RegExp does, which is all JSONata asks of it.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly re2?: RE2JS;
  private readonly native?: RegExp;

  constructor(pattern: RegExp) {
    const { re2 } = compile(pattern);
    if (re2) this.re2 = re2;
    else this.native = new RegExp(pattern.source, pattern.flags);
  }

  exec(input: string): RegExpExecArray | null {
    if (this.native) {
      this.native.lastIndex = this.lastIndex;
      const found = this.native.exec(input);
      this.lastIndex = this.native.lastIndex;
      return found;
    }
    if (this.lastIndex > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.re2!.matcher(input);
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: Array<string | undefined> = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    const result = Object.assign(groups, { index: m.start(), input }) as unknown as RegExpExecArray;
    this.lastIndex = m.end();
    return result;
  }
}
