// Writes schemas/ from the built generator (run `npm run schemas`, which builds first), so the
// committed files are exactly what test/schemas.test.ts compares against.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog, generateSchemas } from '../dist/build/xsd.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(out, { recursive: true });
const schemas = generateSchemas();
// A namespace that lost its last element must not leave a stale schema behind.
for (const file of readdirSync(out)) if (file.endsWith('.xsd') && !schemas.has(file)) rmSync(join(out, file));
for (const [file, text] of schemas) writeFileSync(join(out, file), text);
writeFileSync(join(out, 'catalog.xml'), generateCatalog());
console.log(`wrote ${[...schemas.keys(), 'catalog.xml'].map((f) => `schemas/${f}`).join(', ')}`);
