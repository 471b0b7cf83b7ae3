/**
 * DataWeave's (and JavaScript's) `headers['x-a']` selector, which Mule files use everywhere.
 * In JSONata a string in brackets is a filter that keeps the whole object, never what a Mule
 * user means, so it is read as the field selector headers.`x-a`.
 */
export function rewriteKeySelectors(source: string): string {
  if (!source.includes('[')) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = closing(source, i, c);
      out += source.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (c === '[' && i > 0 && /[\w$)\]`]/.test(source[i - 1]!)) {
      const m = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(source.slice(i));
      if (m && !m[2]!.includes('`')) {
        out += `.\`${m[2]!.replace(/\\(.)/g, '$1')}\``;
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function closing(source: string, at: number, quote: string): number {
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\' && quote !== '`') i++;
    else if (source[i] === quote) return i;
  }
  return source.length - 1;
}
