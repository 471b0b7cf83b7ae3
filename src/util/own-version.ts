import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * flowrt's own version, from the package.json nearest above this module. Walking up rather than a fixed
 * `../../package.json`: the same code runs from src/ (tests), dist/ (tsc, one file per module) and the bundled
 * CLI in dist/bin/, where a module lands in a chunk at another depth.
 */
export function ownVersion(from: string = import.meta.url): string {
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
  }
}
