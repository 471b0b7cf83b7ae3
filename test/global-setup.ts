import { execFileSync } from 'node:child_process';

/** CLI tests run the built bin, so build it first: a stale dist/ must never be what gets tested. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
