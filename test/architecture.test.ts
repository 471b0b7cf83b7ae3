import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point one way: a module may import only the modules listed for it in the table of
 * docs/architecture.md, read from there so that the document and this test cannot drift.
 * `index.ts` at the top is the public API and may import anything; `util` may be imported by all.
 */
const ALLOWED: Record<string, readonly string[]> = dependencyTable(readFileSync('docs/architecture.md', 'utf8'));

function dependencyTable(doc: string): Record<string, readonly string[]> {
  const start = doc.indexOf('<!-- dependency-table:start -->');
  const end = doc.indexOf('<!-- dependency-table:end -->');
  if (start < 0 || end < start) throw new Error('docs/architecture.md has no dependency table between its markers');
  const table: Record<string, readonly string[]> = {};
  for (const line of doc.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || cells[1] === 'Module' || cells[1]!.startsWith('-')) continue;
    table[cells[1]!] = cells[2] ? cells[2].split(',').map((m) => m.trim()) : [];
  }
  return table;
}

const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
    out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return out;
}

const moduleOf = (file: string): string => relative(SRC, file).split('/')[0]!;

describe('architecture', () => {
  const all = files(SRC);

  it('every module imports only the modules it may depend on', () => {
    const violations: string[] = [];
    for (const file of all) {
      const from = moduleOf(file);
      if (from === 'index.ts') continue;
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(`${relative(SRC, file)}: module "${from}" is not in the dependency table`);
        continue;
      }
      for (const target of imports(file)) {
        const to = moduleOf(target);
        if (to !== from && to !== 'util' && !allowed.includes(to)) violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from} → ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('documents every module of src/ in docs/architecture.md, and no module that is gone', () => {
    const modules = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(Object.keys(ALLOWED).sort()).toEqual(modules);
    const doc = readFileSync('docs/architecture.md', 'utf8');
    expect(modules.filter((m) => !doc.includes(`| \`${m}/\` |`))).toEqual([]);
  });

  it('has no import cycles between files', () => {
    const graph = new Map(all.map((f) => [f, imports(f).filter((t) => t.startsWith(SRC))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].map((x) => relative(SRC, x)).join(' → '));
        return;
      }
      state.set(f, 'visiting');
      stack.push(f);
      for (const t of graph.get(f) ?? []) visit(t);
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of all) visit(f);
    expect(cycles).toEqual([]);
  });

  it('keeps files small', () => {
    const big = all.filter((f) => readFileSync(f, 'utf8').split('\n').length > 400).map((f) => relative(SRC, f));
    expect(big).toEqual([]);
  });
});
