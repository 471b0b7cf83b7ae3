import type { SourceLocation } from '../model/location.js';

/** Maps character offsets of one file to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  at(offset: number): SourceLocation {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}

export interface StartTag {
  /** Offset of each attribute's name and of its value's first character, by the name as written. */
  readonly attrs: ReadonlyMap<string, { name: number; value: number }>;
  /** Offset just past the closing `>` (or `/>`). */
  readonly end: number;
}

const NAME = /[^\s=/>]/;

/** Scans the start tag beginning at `start` (its `<`) for attribute positions. */
export function scanStartTag(text: string, start: number): StartTag {
  const attrs = new Map<string, { name: number; value: number }>();
  let i = start + 1;
  while (i < text.length && NAME.test(text[i]!)) i++;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '>') return { attrs, end: i + 1 };
    if (c === '/' && text[i + 1] === '>') return { attrs, end: i + 2 };
    if (!NAME.test(c)) {
      i++;
      continue;
    }
    const nameAt = i;
    while (i < text.length && NAME.test(text[i]!)) i++;
    const name = text.slice(nameAt, i);
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== '=') continue;
    i++;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") continue;
    const valueAt = i + 1;
    const close = text.indexOf(quote, valueAt);
    attrs.set(name, { name: nameAt, value: valueAt });
    i = close < 0 ? text.length : close + 1;
  }
  return { attrs, end: text.length };
}

/**
 * Offset of an element's first text character: inside the first CDATA section when the content
 * is CDATA (whitespace around it is formatting), else right after the start tag.
 */
export function textStart(text: string, from: number, cdata: boolean): number {
  if (!cdata) return from;
  const at = text.indexOf('<![CDATA[', from);
  return at < 0 ? from : at + 9;
}
