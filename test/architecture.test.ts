import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point one way (see ARCHITECTURE.md): a module may import only the modules listed
 * for it. `index.ts` at the top is the public API and may import anything.
 */
const ALLOWED: Record<string, readonly string[]> = {
  // The lowest layer: small helpers (time-slicing …) every module may use; it uses none.
  util: [],
  model: [],
  errors: ['model'],
  expr: ['errors', 'model'],
  runtime: ['errors', 'model'],
  spi: ['policies', 'stores', 'http', 'runtime', 'expr', 'errors', 'model'],
  stores: ['errors', 'model'],
  oauth2: ['stores', 'http', 'runtime', 'expr', 'errors', 'model'],
  http: ['runtime', 'errors', 'model'],
  steps: ['spi', 'oauth2', 'stores', 'policies', 'http', 'runtime', 'expr', 'errors', 'model'],
  sources: ['spi', 'policies', 'http', 'runtime', 'expr', 'errors', 'model'],
  configs: ['spi', 'oauth2', 'stores', 'policies', 'http', 'runtime', 'expr', 'errors', 'model'],
  policies: ['stores', 'http', 'runtime', 'expr', 'errors', 'model'],
  gateway: ['policies', 'stores', 'http', 'runtime', 'expr', 'errors', 'model'],
  dsl: ['errors', 'model'],
  graph: ['errors', 'model'],
  properties: ['errors', 'model'],
  assembly: ['spi', 'stores', 'steps', 'sources', 'configs', 'policies', 'graph', 'runtime', 'expr', 'errors', 'model'],
  deploy: ['assembly', 'stores', 'oauth2', 'dsl', 'graph', 'properties', 'gateway', 'policies', 'http', 'runtime', 'expr', 'errors', 'model'],
  cli: ['deploy', 'oauth2', 'properties', 'errors', 'model'],
  // Generators of what ships beside the code (the XSDs): run by scripts/, imported by nothing in src.
  tooling: ['assembly', 'spi', 'expr', 'model'],
};

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
