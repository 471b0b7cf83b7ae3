import type { Pos } from './ast.js';
import type { StringPart } from './tokens.js';

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '`': '`', '\\': '\\', '/': '/', $: '$' };

/**
 * Reads the string literal opening at `pos` (any of DataWeave's quotes). Every quote style
 * interpolates `$(expr)`, `$name` and `$`/`$$`/`$$$`; `\$` is a literal dollar. Returns the end
 * offset and the parts, or an error message.
 */
export function scanString(src: string, pos: number, at: Pos): { end: number; parts: StringPart[] } | string {
  const quote = src[pos]!;
  const parts: StringPart[] = [];
  let text = '';
  let line = at.line;
  let col = at.col + 1;
  let i = pos + 1;
  const step = (n: number): void => {
    for (let k = 0; k < n; k++, i++) {
      if (src[i] === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  };
  const flush = (): void => {
    if (text) parts.push(text);
    text = '';
  };
  while (i < src.length && src[i] !== quote) {
    const c = src[i]!;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        text += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        step(6);
        continue;
      }
      text += ESCAPES[e] ?? e;
      step(2);
      continue;
    }
    if (c !== '$') {
      text += c;
      step(1);
      continue;
    }
    flush();
    const here = { line, col };
    if (src[i + 1] === '(') {
      const close = matchingParen(src, i + 1);
      if (close < 0) return `Unclosed interpolation $( in string`;
      parts.push({ kind: 'expr', src: src.slice(i + 2, close), at: { line, col: col + 2 } });
      step(close + 1 - i);
    } else if (/[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(src.slice(i + 1))![0];
      parts.push({ kind: 'name', name, at: { line, col: col + 1 } });
      step(name.length + 1);
    } else {
      const depth = src.startsWith('$$$', i) ? 3 : src.startsWith('$$', i) ? 2 : 1;
      parts.push({ kind: 'anon', depth, at: here });
      step(depth);
    }
  }
  if (i >= src.length) return 'Unterminated string';
  flush();
  return { end: i + 1, parts };
}

/** The offset of the `)` closing the `(` at `open`, skipping nested strings; -1 when unclosed. */
function matchingParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    }
  }
  return -1;
}
