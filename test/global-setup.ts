import { execFileSync } from 'node:child_process';

/** CLI tests run the built bin, so build it first (as `npm run build`: tsc, then the bundle): a stale dist/ must never be what gets tested. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
