import { createHash } from 'node:crypto';
import { comparePaths } from './archive/checksum.js';
import { isArchiveName } from './archive/contents.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TextDecoder } from 'node:util';

/**
 * The files of an app folder: flows under `flows/` (or Mule's `src/main/mule/`), property and
 * resource files relative to the app (or Mule's `src/main/resources/`). Reads never leave the app
 * folder.
 */
export class AppFiles {
  /** Text of every file read, by display path, for code frames in diagnostics. */
  readonly texts = new Map<string, string>();

  constructor(readonly dir: string) {}

  get name(): string {
    const manifest = this.readJson('flowrt-app.json');
    return typeof manifest?.name === 'string' ? manifest.name : basename(resolve(this.dir));
  }

  /** A field of flowrt-app.json, if the app has the file and the field. */
  manifestField(field: string): unknown {
    return this.readJson('flowrt-app.json')?.[field];
  }

  /** Whether the app is laid out as a Mule project (flows in src/main/mule, or a mule-artifact.json). */
  isMuleProject(): boolean {
    return this.exists('mule-artifact.json') || (!existsSync(join(this.dir, 'flows')) && existsSync(join(this.dir, 'src', 'main', 'mule')));
  }

  /** The folder holding the flow files, if the app has one. */
  flowsDir(): string | undefined {
    for (const candidate of ['flows', join('src', 'main', 'mule')]) {
      const dir = join(this.dir, candidate);
      if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
    }
    return undefined;
  }

  /** Every `*.xml` in the flows folder and below, sorted so that loads are reproducible. */
  flowFiles(): string[] {
    const root = this.flowsDir();
    if (!root) return [];
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile() && entry.name.endsWith('.xml')) out.push(path);
      }
    };
    walk(root);
    return out;
  }

  /** Path shown in diagnostics: relative to the working directory when inside it. */
  display(path: string): string {
    const rel = relative(process.cwd(), path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }

  /** Reads a text file; `encoding` is a charset name (configuration-properties may name one). */
  read(path: string, encoding = 'utf-8'): string {
    const text = new TextDecoder(encoding).decode(readFileSync(path));
    this.texts.set(this.display(path), text);
    return text;
  }

  /**
   * Finds a file an element names (`resource`, `configuration-properties file`, `import file`):
   * next to the referring file, in the app folder, in `src/main/resources`, or in the flows folder.
   */
  locate(name: string, from?: string): string | undefined {
    if (isAbsolute(name)) return undefined;
    const bases = [from ? dirname(from) : undefined, this.dir, join(this.dir, 'src', 'main', 'resources'), this.flowsDir()];
    for (const base of bases) {
      if (!base) continue;
      const path = resolve(base, name);
      if (!this.inside(path)) continue;
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
    return undefined;
  }

  /** A file of the app as bytes, looked up as {@link locate} does (a classpath resource of a Mule project included). */
  readBytes(name: string): Uint8Array | undefined {
    const found = this.locate(name.replace(/^\/+/, ''));
    return found ? readFileSync(found) : undefined;
  }

  exists(name: string): boolean {
    const path = join(this.dir, name);
    return existsSync(path) && statSync(path).isFile();
  }

  /**
   * A digest of everything besides the flow files that the app may read (property files,
   * schemas, scripts …): a reload keeps a flow only while this stays the same. The API manager
   * document is not part of it (it changes policies, not flows).
   */
  resourceDigest(): string {
    const hash = createHash('sha256');
    const flows = this.flowsDir();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => comparePaths(a.name, b.name))) {
        // What flowrt package leaves out is no part of the app (an archive written beside it, most of all).
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || isArchiveName(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile() && !(flows && path.startsWith(flows + sep) && entry.name.endsWith('.xml')) && path !== join(this.dir, 'api-manager.yaml')) {
          hash.update(relative(this.dir, path)).update('\0').update(readFileSync(path)).update('\0');
        }
      }
    };
    walk(this.dir);
    return hash.digest('hex');
  }

  private inside(path: string): boolean {
    const root = resolve(this.dir) + sep;
    return path.startsWith(root);
  }

  private readJson(name: string): Record<string, unknown> | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}
