// Copies JSONata's language test suite (MIT, github.com/jsonata-js/jsonata test/test-suite) into one
// fixture file, so that CI on a fresh clone runs it: node scripts/vendor-jsonata-suite.mjs [suite-dir]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '../shared/jsonata-test-suite';
const datasets = Object.fromEntries(
  readdirSync(join(dir, 'datasets'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, 'datasets', f), 'utf8'))]),
);
const groups = {};
for (const group of readdirSync(join(dir, 'groups')).sort()) {
  groups[group] = readdirSync(join(dir, 'groups', group))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(readFileSync(join(dir, 'groups', group, f), 'utf8'));
      // An expression in its own file is inlined: the fixture is one file.
      const inline = (c) => (c['expr-file'] ? { ...c, expr: readFileSync(join(dir, 'groups', group, c['expr-file']), 'utf8') } : c);
      return Array.isArray(parsed) ? parsed.map((c, i) => ({ name: `${f}[${i}]`, ...inline(c) })) : [{ name: f, ...inline(parsed) }];
    })
    .flat();
}
const license = readFileSync(join(dir, 'LICENSE'), 'utf8');
writeFileSync('test/fixtures/jsonata-suite.json', JSON.stringify({ license, datasets, groups }));
console.log(`test/fixtures/jsonata-suite.json: ${Object.values(groups).flat().length} cases`);
