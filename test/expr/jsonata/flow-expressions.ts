import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The JSONata of the repository's XML flows: every `#[…]` and every transform script (`ee:set-payload`,
 * `ee:set-variable`), XML entities decoded. DataWeave scripts are left out by the caller.
 */

const ROOTS = ['examples', 'flows', 'bench/app', 'test/fixtures/apps'];

const ENTITIES: Readonly<Record<string, string>> = { '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

export function flowExpressions(): string[] {
  const out = new Set<string>();
  for (const file of ROOTS.flatMap(xmlFiles)) {
    const xml = readFileSync(file, 'utf8');
    for (const expr of embedded(xml)) out.add(decode(expr));
    for (const m of xml.matchAll(/<ee:set-(?:payload|variable)\b[^>]*>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))\s*<\/ee:set-/g)) {
      const script = m[1] ?? decode(m[2] ?? '');
      if (script.trim() !== '') out.add(script);
    }
  }
  return [...out];
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : xmlFiles(path);
    return e.name.endsWith('.xml') ? [path] : [];
  });
}

/** The text of each `#[…]`, its brackets balanced outside string literals. */
function embedded(xml: string): string[] {
  const out: string[] = [];
  for (let start = xml.indexOf('#['); start >= 0; start = xml.indexOf('#[', start + 2)) {
    let depth = 0;
    let quote = '';
    for (let i = start + 1; i < xml.length; i++) {
      const ch = xml[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) {
        out.push(xml.slice(start + 2, i));
        break;
      }
    }
  }
  return out;
}

function decode(text: string): string {
  return text.replace(/&(?:quot|apos|lt|gt|amp);/g, (e) => ENTITIES[e] ?? e);
}
