import { isAbsolute, relative, resolve } from 'node:path';
import { ArchiveError } from '../../deploy/archive/archive-error.js';
import { appIdentity } from '../../deploy/archive/manifest.js';
import { packApp } from '../../deploy/archive/pack.js';
import type { AppOptions } from '../options.js';
import { checkApp } from './check-app.js';

export interface PackageOptions extends AppOptions {
  /** `-o, --out FILE`; default `<name>-<version>.tgz` in the working directory. */
  readonly out?: string;
}

/**
 * `flowrt package [APP_DIR] -o FILE`: validates the app as `flowrt validate` does and, when it
 * has no error, writes it as an archive to deploy. `--prop` and `--env` apply to the validation
 * only: the archive holds the config files, so each environment still chooses at deploy time.
 */
export async function packageApp(dir: string, options: PackageOptions): Promise<number> {
  try {
    const identity = appIdentity(dir);
    const { errors } = await checkApp(dir, options);
    if (errors > 0) return 1;
    const out = options.out ?? `${identity.name}-${identity.version}.tgz`;
    const { manifest, file, bytes } = await packApp(dir, out);
    const n = manifest.files;
    process.stdout.write(`packaged ${manifest.name} ${manifest.version} (${n} file${n === 1 ? '' : 's'}, ${formatSize(bytes)}) -> ${display(file)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 1;
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function display(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
