// Writes schemas/ from the built generator (run `npm run schemas`, which builds first), so the
// committed files are exactly what test/schemas.test.ts compares against.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog, generateSchemas } from '../dist/tooling/xsd.js';
import { managerSchema } from '../dist/gateway/manager-schema.js';
import { POLICIES } from '../dist/policies/index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(out, { recursive: true });
const schemas = generateSchemas();
// A namespace that lost its last element must not leave a stale schema behind.
for (const file of readdirSync(out)) if (file.endsWith('.xsd') && !schemas.has(file)) rmSync(join(out, file));
for (const [file, text] of schemas) writeFileSync(join(out, file), text);
writeFileSync(join(out, 'catalog.xml'), generateCatalog());
// The API manager document's schema, every policy's configuration included.
writeFileSync(join(out, 'api-manager.schema.json'), `${JSON.stringify(managerSchema(POLICIES), null, 2)}\n`);
console.log(`wrote ${[...schemas.keys(), 'catalog.xml', 'api-manager.schema.json'].map((f) => `schemas/${f}`).join(', ')}`);
