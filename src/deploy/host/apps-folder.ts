import { createHash } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import type { AppHost, DeployOutcome } from './app-host.js';
import type { AppProperties } from './app-properties.js';
import { readProperties } from './app-properties.js';

/** How often a growing file is looked at, and how long its size must hold still. */
const SETTLE_POLL_MS = 100;
const SETTLE_CHECKS = 2;

/**
 * Mule's apps/ folder: every `*.tgz` in it is deployed at start; a new archive deploys, a
 * replaced one redeploys, a removed one undeploys. A file still being written (its size or
 * mtime still moving) is not read until it holds still; writers that rename a finished file in
 * are picked up on the rename. The admin API writes its uploads here too, so the folder is what
 * a restarted runtime deploys.
 */
export class AppsFolder {
  /** Archive file name → the app it deployed and the digest of the bytes deployed. */
  private readonly files = new Map<string, { app?: string; digest: string }>();
  private readonly settling = new Map<string, NodeJS.Timeout>();
  private watcher?: FSWatcher;
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly host: AppHost,
    private readonly log: Logger,
  ) {}

  /** Deploys every archive present, apps side by side, each with the properties kept for it. */
  async scan(): Promise<void> {
    const files = (await readdir(this.dir)).sort();
    await Promise.all(files.filter(isPropertiesFile).map((file) => this.readKept(file)));
    await Promise.all(files.filter(isArchive).map((name) => this.consider(name)));
  }

  watch(): void {
    this.watcher = watch(this.dir, (_event, name) => {
      if (!this.closed && name && isArchive(name.toString())) this.settle(name.toString());
    });
    this.watcher.on('error', (e) => this.log.warn({ err: e.message, dir: this.dir }, 'watching the apps folder failed'));
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    for (const timer of this.settling.values()) clearTimeout(timer);
  }

  /**
   * Deploys an upload as `<app>.tgz` and makes it the only archive of that app in the folder;
   * `properties`, when given, replace the app's and are kept with it.
   */
  async deployUpload(app: string, archive: Buffer, properties?: AppProperties): Promise<DeployOutcome> {
    const outcome = await this.host.deploy(archive, { name: app, properties });
    if (!outcome.ok) return outcome;
    if (properties) await this.keep(app, properties);
    const file = `${app}.tgz`;
    this.files.set(file, { app, digest: digest(archive) });
    const temp = join(this.dir, `.${file}.${process.pid}.uploading`);
    await writeFile(temp, archive);
    await rename(temp, join(this.dir, file));
    await this.dropOthers(app, file);
    return outcome;
  }

  /**
   * New properties for an app: a deployed app is redeployed with them (kept only if it serves
   * with them); one not deployed keeps them for its next deploy. Undefined: nothing to redeploy.
   */
  async setProperties(app: string, properties: AppProperties): Promise<DeployOutcome | undefined> {
    const outcome = await this.host.reconfigure(app, properties);
    if (!outcome || outcome.ok) await this.keep(app, properties);
    return outcome;
  }

  /** Undeploys an app and removes its archives and properties, so a restart does not bring it back. */
  async remove(app: string): Promise<boolean> {
    await this.dropOthers(app, undefined);
    await unlink(join(this.dir, propertiesFile(app))).catch(() => undefined);
    this.host.forgetProperties(app);
    return this.host.undeploy(app);
  }

  /** Writes an app's properties next to its archive, readable by this user only (they may be secrets). */
  private async keep(app: string, properties: AppProperties): Promise<void> {
    const file = propertiesFile(app);
    const temp = join(this.dir, `.${file}.${process.pid}.writing`);
    await writeFile(temp, `${JSON.stringify(properties, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, join(this.dir, file));
  }

  private async readKept(file: string): Promise<void> {
    const app = file.slice(0, -PROPERTIES_SUFFIX.length);
    let read: ReturnType<typeof readProperties>;
    try {
      read = readProperties(JSON.parse(await readFile(join(this.dir, file), 'utf8')));
    } catch (e) {
      read = { problem: (e as Error).message };
    }
    if ('problem' in read) this.log.error({ file, err: read.problem }, 'app properties in the apps folder not read: the app deploys without them');
    else this.host.keepProperties(app, read.properties);
  }

  private settle(name: string): void {
    clearTimeout(this.settling.get(name));
    let last = '';
    let still = 0;
    const check = async () => {
      const path = join(this.dir, name);
      const now = await stat(path).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => undefined,
      );
      if (this.closed) return;
      if (now === undefined) {
        this.settling.delete(name);
        await this.removed(name);
        return;
      }
      still = now === last ? still + 1 : 0;
      last = now;
      if (still < SETTLE_CHECKS) {
        this.settling.set(
          name,
          setTimeout(() => void check(), SETTLE_POLL_MS),
        );
        return;
      }
      this.settling.delete(name);
      await this.consider(name);
    };
    this.settling.set(
      name,
      setTimeout(() => void check(), SETTLE_POLL_MS),
    );
  }

  /** Deploys `name` unless the bytes are the ones already deployed from it. */
  private async consider(name: string): Promise<void> {
    let archive: Buffer;
    try {
      archive = await readFile(join(this.dir, name));
    } catch {
      return;
    }
    const d = digest(archive);
    if (this.files.get(name)?.digest === d) return;
    this.files.set(name, { digest: d, app: this.files.get(name)?.app });
    const outcome = await this.host.deploy(archive, { label: appNameOf(name) });
    const app = outcome.status?.name;
    this.files.set(name, { digest: d, app });
    if (outcome.ok) await this.dropOthers(outcome.status.name, name);
    else this.log.error({ file: name, err: outcome.message }, 'archive in the apps folder not deployed');
  }

  private async removed(name: string): Promise<void> {
    const entry = this.files.get(name);
    this.files.delete(name);
    if (!entry?.app) return;
    // Another archive may have taken the app over (an upload, a renamed version): it stays.
    if ([...this.files.values()].some((f) => f.app === entry.app)) return;
    this.log.info({ file: name, app: entry.app }, 'archive removed from the apps folder: undeploying');
    await this.host.undeploy(entry.app);
  }

  /** Deletes the other archives that deployed `app`: one app, one archive in the folder. */
  private async dropOthers(app: string, keep: string | undefined): Promise<void> {
    for (const [file, entry] of [...this.files]) {
      if (entry.app !== app || file === keep) continue;
      this.files.delete(file);
      await unlink(join(this.dir, file)).catch(() => undefined);
    }
  }
}

const PROPERTIES_SUFFIX = '.properties.json';

function propertiesFile(app: string): string {
  return `${app}${PROPERTIES_SUFFIX}`;
}

function isPropertiesFile(name: string): boolean {
  return name.endsWith(PROPERTIES_SUFFIX) && !name.startsWith('.');
}

function isArchive(name: string): boolean {
  return name.endsWith('.tgz') && !name.startsWith('.');
}

/** `orders-1.2.0.tgz` → `orders-1.2.0`: what a failure is listed under when the archive names no app. */
function appNameOf(file: string): string {
  return basename(file, '.tgz');
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
