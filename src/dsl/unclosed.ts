/**
 * The innermost element a document leaves open at its end, with the offset of its start tag:
 * what a truncated or half-edited flow file is missing. The validator only names the open tags;
 * an editor needs to be pointed at one. Assumes the document is otherwise well formed.
 */
export function innermostUnclosed(text: string): { name: string; offset: number } | undefined {
  const stack: Array<{ name: string; offset: number }> = [];
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1] !== undefined) {
      if (stack.at(-1)?.name === m[1]) stack.pop();
    } else if (m[2] !== undefined && m[3] !== '/') {
      stack.push({ name: m[2], offset: m.index });
    }
  }
  return stack.at(-1);
}
