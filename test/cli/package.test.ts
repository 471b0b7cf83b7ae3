import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readManifest, unpackApp } from '../../src/deploy/archive/unpack.js';
import { mule, writeApp } from '../helpers/app.js';
import { run as runCli } from '../helpers/cli.js';

const run = (args: string[], cwd?: string) => runCli(args, 10_000, { cwd });

const VALID = 'test/fixtures/apps/validation/valid';
const INVALID = 'test/fixtures/apps/validation/invalid';

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-package-'));
  temps.push(dir);
  return dir;
}

describe('flowrt package', () => {
  it('is listed in --help', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toMatch(/^\s+package \[options\] \[app-dir\]\s+validate an app and write it as a \.tgz archive/m);
  });

  it('writes the archive of a valid app and prints one line naming it, exit 0', async () => {
    const out = join(await tempDir(), 'valid.tgz');
    const { code, stdout, stderr } = await run(['package', VALID, '-o', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^packaged valid-app 0\.0\.0 \(2 files, \d+ B\) -> \S+valid\.tgz\n$/);
    expect(stdout.trimEnd().endsWith(` -> ${out}`)).toBe(true);
    await expect(readManifest(await readFile(out))).resolves.toMatchObject({ name: 'valid-app', version: '0.0.0', files: 2 });
  });

  it('names the archive <name>-<version>.tgz in the working directory by default', async () => {
    const cwd = await tempDir();
    const { code, stdout } = await run(['package', resolve(VALID)], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ -> valid-app-0\.0\.0\.tgz\n$/);
    expect(await readdir(cwd)).toEqual(['valid-app-0.0.0.tgz']);
  });

  it('refuses an invalid app with the diagnostics validate prints, exit 1, and writes nothing', async () => {
    const out = join(await tempDir(), 'invalid.tgz');
    const packaged = await run(['package', INVALID, '-o', out]);
    const validated = await run(['validate', INVALID]);
    expect(packaged.code).toBe(1);
    expect(packaged.stdout).toBe('');
    expect(packaged.stderr).toContain(`${INVALID}/flows/app.xml:5:20: error: level="LOUD" on <logger> must be one of TRACE, DEBUG, INFO, WARN, ERROR`);
    expect(packaged.stderr).toContain(`${INVALID}/flows/app.xml:6:5: error: unknown element <set-payloda>; did you mean <set-payload>?`);
    expect(packaged.stderr).toBe(validated.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('validates with --prop but packs the config files as they are', async () => {
    const out = join(await tempDir(), 'valid.tgz');
    const bad = await run(['package', VALID, '-o', out, '--prop', 'http.port=eighty']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${VALID}/flows/app.xml:5:54: error: port="eighty" on <http:listener-connection> must be a whole number`);
    expect(existsSync(out)).toBe(false);
    const good = await run(['package', VALID, '-o', out, '--prop', 'http.port=9090', '--env', 'none']);
    expect(good.code).toBe(0);
    expect(good.stderr).toContain('config/none.yaml does not exist');
    const dest = join(await tempDir(), 'unpacked');
    await unpackApp(await readFile(out), dest);
    expect(await readFile(join(dest, 'config.yaml'), 'utf8')).toBe(await readFile(join(VALID, 'config.yaml'), 'utf8'));
  });
});

describe('an app whose properties come from where it runs', () => {
  /** An app whose port and password no file of its own defines. */
  async function configuredApp(): Promise<string> {
    const app = await writeApp({
      'flows/app.xml': mule('<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="${db.password}"/></flow>').replace(
        'port="0"',
        'port="${http.port}"',
      ),
      'flowrt-app.json': JSON.stringify({ name: 'configured', version: '1.0.0' }),
    });
    temps.push(app);
    return app;
  }

  it('validates with warnings naming the properties, packages, and refuses to start without them', async () => {
    const app = await configuredApp();
    const validated = await run(['validate', app]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toBe('configured: valid (1 flow)\n');
    expect(validated.stderr).toContain('warning: property "http.port" is not defined by the app: it must be given where the app runs');
    expect(validated.stderr).toContain('warning: property "db.password" is not defined by the app');

    const out = join(await tempDir(), 'configured.tgz');
    const packaged = await run(['package', app, '-o', out]);
    expect(packaged.code).toBe(0);
    expect(existsSync(out)).toBe(true);

    const started = await run(['start', app]);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('error: property "http.port" is not defined');
  });
});
