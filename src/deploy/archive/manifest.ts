import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ownVersion } from '../../util/own-version.js';
import { ArchiveError } from './archive-error.js';

/** The manifest's name, at the archive root and in an app folder. */
export const MANIFEST_FILE = 'flowrt-app.json';

/** `flowrt-app.json` at the root of an app archive. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  /** The oldest flowrt that may run the app; unpacking on an older one is refused. */
  readonly minRuntimeVersion: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** `sha256:<hex>` over every other file of the archive; see {@link contentChecksum}. */
  readonly checksum: string;
  /** How many files the checksum covers. */
  readonly files: number;
}

/** What an app calls itself: the manifest fields that do not depend on its content. */
export type AppIdentity = Pick<Manifest, 'name' | 'version' | 'minRuntimeVersion'>;

// The running flowrt's version.
export const RUNTIME_VERSION = ownVersion();

// Safe as a file and folder name everywhere, and in a URL path.
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
// Semantic Versioning 2.0.0 §2, §9, §10.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-z-][0-9a-z-]*))*))?(?:\+[0-9a-z-]+(?:\.[0-9a-z-]+)*)?$/i;
const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

export function isValidVersion(version: string): boolean {
  return version.length <= 128 && SEMVER.test(version);
}

/**
 * Orders two versions by semver precedence (§11): negative when `a` is older, 0 when equal
 * (build metadata is ignored), positive when newer. Throws ArchiveError for a version that
 * is not semver.
 *
 * @example
 * ```ts
 * compareVersions('1.2.0', '1.10.0') < 0; // true
 * compareVersions('1.0.0-rc.1', '1.0.0') < 0; // true
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return pa.core[i]! - pb.core[i]!;
  // A pre-release ranks below its release.
  if (pa.pre.length === 0 || pb.pre.length === 0) return pb.pre.length - pa.pre.length;
  for (let i = 0; i < Math.min(pa.pre.length, pb.pre.length); i++) {
    const c = compareIdentifier(pa.pre[i]!, pb.pre[i]!);
    if (c !== 0) return c;
  }
  return pa.pre.length - pb.pre.length;
}

function parts(version: string): { core: number[]; pre: string[] } {
  const m = SEMVER.exec(version);
  if (!m) throw new ArchiveError('invalid-manifest', `"${version}" is not a semantic version such as 1.0.0`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function compareIdentifier(a: string, b: string): number {
  const [na, nb] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (na && nb) return Number(a) - Number(b);
  // Numeric identifiers rank below alphanumeric ones.
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The name, version and minimum runtime of the app in `dir`: `overrides` first, then the app's
 * own `flowrt-app.json`, then its `package.json`, then the folder's name, `0.0.0` and this
 * runtime's version. Throws ArchiveError (`invalid-manifest`) when the result is not valid.
 */
export function appIdentity(dir: string, overrides: { readonly name?: string; readonly version?: string } = {}): AppIdentity {
  const own = readJson(dir, MANIFEST_FILE);
  const pkg = readJson(dir, 'package.json');
  const pick = (field: string): string | undefined => {
    for (const source of [own, pkg]) if (typeof source?.[field] === 'string') return source[field] as string;
    return undefined;
  };
  const identity = {
    name: overrides.name ?? pick('name') ?? basename(resolve(dir)),
    version: overrides.version ?? pick('version') ?? '0.0.0',
    minRuntimeVersion: typeof own?.minRuntimeVersion === 'string' ? own.minRuntimeVersion : RUNTIME_VERSION,
  };
  checkIdentity(identity, `the app in ${dir}`);
  return Object.freeze(identity);
}

function readJson(dir: string, file: string): Record<string, unknown> | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below, like a value of the wrong type.
  }
  throw new ArchiveError('invalid-manifest', `${path} is not a JSON object`);
}

function checkIdentity(id: AppIdentity, where: string): void {
  if (!isValidName(id.name)) {
    throw new ArchiveError(
      'invalid-manifest',
      `${where}: "${id.name}" is not a valid app name: use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (set "name" in ${MANIFEST_FILE})`,
    );
  }
  for (const field of ['version', 'minRuntimeVersion'] as const) {
    if (!isValidVersion(id[field])) throw new ArchiveError('invalid-manifest', `${where}: ${field} "${id[field]}" is not a semantic version such as 1.0.0`);
  }
}

/** Parses and checks the manifest of an archive; throws ArchiveError (`invalid-manifest`). */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE} is not a JSON object`);
  const m = value as Record<string, unknown>;
  for (const field of ['name', 'version', 'minRuntimeVersion', 'createdAt', 'checksum'] as const) {
    if (typeof m[field] !== 'string') throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE} has no "${field}" string`);
  }
  const manifest = {
    name: m.name as string,
    version: m.version as string,
    minRuntimeVersion: m.minRuntimeVersion as string,
    createdAt: m.createdAt as string,
    checksum: m.checksum as string,
    files: m.files as number,
  };
  checkIdentity(manifest, MANIFEST_FILE);
  if (Number.isNaN(Date.parse(manifest.createdAt)))
    throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE}: createdAt "${manifest.createdAt}" is not a date`);
  if (!CHECKSUM.test(manifest.checksum)) throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE}: checksum must be "sha256:" and 64 lowercase hex digits`);
  if (!Number.isSafeInteger(manifest.files) || manifest.files < 0) throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE}: files must be a whole number`);
  return Object.freeze(manifest);
}
