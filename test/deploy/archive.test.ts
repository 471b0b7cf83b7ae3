import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { types } from 'tar';
import { Header, Parser } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../src/deploy/archive/archive-error.js';
import type { ArchiveErrorCode } from '../../src/deploy/archive/archive-error.js';
import { compareVersions, RUNTIME_VERSION } from '../../src/deploy/archive/manifest.js';
import type { Manifest } from '../../src/deploy/archive/manifest.js';
import { packApp } from '../../src/deploy/archive/pack.js';
import { readManifest, unpackApp } from '../../src/deploy/archive/unpack.js';
import { mule, writeApp } from '../helpers/app.js';

const FLOW = mule('<flow name="hello"><set-payload value="hi"/></flow>', { listener: false });
const APP: Record<string, string> = {
  'flows/app.xml': FLOW,
  'config.yaml': 'http:\n  port: 8081\n',
  'config/prod.yaml': 'http:\n  port: 80\n',
  'api-manager.yaml': 'apis: []\n',
  'schemas/order.json': '{"type":"object"}',
  'scripts/sum.jsonata': '$sum(items.price)',
  'src/main/resources/greeting.txt': 'hello',
  'README.md': '# orders',
};
const NOW = new Date('2025-01-02T03:04:05.000Z');

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function app(files: Record<string, string> = APP): Promise<string> {
  const dir = await writeApp(files);
  temps.push(dir);
  return dir;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-archive-'));
  temps.push(dir);
  return dir;
}

/** Packs `files` (as an app folder named by its flowrt-app.json) and returns the archive's bytes. */
async function packed(files: Record<string, string> = { ...APP, 'flowrt-app.json': '{"name":"orders","version":"1.2.0"}' }): Promise<Buffer> {
  const out = join(await tempDir(), 'app.tgz');
  await packApp(await app(files), out, { now: NOW });
  return readFile(out);
}

interface RawEntry {
  readonly path: string;
  readonly body?: Buffer | string;
  readonly type?: types.EntryTypeName;
  readonly linkpath?: string;
  /** Size written in the header, when it should lie about the body. */
  readonly size?: number;
}

/** A gzipped tar written header by header, so that it can hold what tar's packer never would. */
function tarGz(entries: readonly RawEntry[], trailer: Buffer = Buffer.alloc(1024)): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const header = Buffer.alloc(512);
    new Header({ path: e.path, type: e.type ?? 'File', size: e.size ?? body.length, mode: 0o644, mtime: new Date(0), linkpath: e.linkpath }).encode(header, 0);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, trailer]));
}

/** Every entry of an archive with its content, in archive order. */
async function entries(archive: Buffer): Promise<Array<{ path: string; type: types.EntryTypeName; body: Buffer }>> {
  const out: Array<{ path: string; type: types.EntryTypeName; body: Buffer }> = [];
  const parser = new Parser();
  parser.on('entry', (entry) => {
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () => out.push({ path: entry.path, type: entry.type, body: Buffer.concat(chunks) }));
  });
  await new Promise<void>((done) => parser.end(archive, done));
  return out;
}

/** The checksum as the manifest format defines it, computed here independently of src/. */
function checksumOf(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const path of Object.keys(files).sort()) hash.update(path).update('\0').update(files[path]!).update('\0');
  return `sha256:${hash.digest('hex')}`;
}

/** Unpacks into a fresh parent folder; the refusal's code, and what was left in the parent. */
async function refusal(archive: Buffer, options?: Parameters<typeof unpackApp>[2]): Promise<{ code: ArchiveErrorCode; message: string; left: string[] }> {
  const parent = await tempDir();
  const error = await unpackApp(archive, join(parent, 'app'), options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArchiveError)) throw new Error(`expected an ArchiveError, got ${String(error)}`);
  return { code: error.code, message: error.message, left: await readdir(parent) };
}

describe('packApp', () => {
  it('packs a generated manifest first, then the app files in sorted order', async () => {
    const dir = await app({ ...APP, 'flowrt-app.json': '{"name":"orders"}' });
    const out = join(await tempDir(), 'orders.tgz');
    await packApp(dir, out, { now: NOW });
    const list = await entries(await readFile(out));
    expect(list.map((e) => e.path)).toEqual(['flowrt-app.json', ...Object.keys(APP).sort()]);
    expect(list.every((e) => e.type === 'File')).toBe(true);
    expect(list.find((e) => e.path === 'flows/app.xml')!.body.toString()).toBe(FLOW);
  });

  it("leaves out dot-files, node_modules, archives and the app folder's own manifest", async () => {
    const dir = await app({
      'flows/app.xml': FLOW,
      '.env': 'SECRET=1',
      '.git/config': '[core]',
      'config/.local.yaml': 'x: 1',
      'node_modules/left-pad/index.js': '',
      'flows/node_modules/x.js': '',
      'orders-1.0.0.tgz': 'old',
      'lib/driver.jar': 'jar',
      'docs.zip': 'zip',
      'flowrt-app.json': '{"name":"orders","extra":true}',
    });
    const out = join(dir, 'out.tgz');
    const { manifest } = await packApp(dir, out, { now: NOW });
    expect((await entries(await readFile(out))).map((e) => e.path)).toEqual(['flowrt-app.json', 'flows/app.xml']);
    expect(manifest.files).toBe(1);
  });

  it('writes the manifest: name, version, minRuntimeVersion, createdAt, checksum and file count', async () => {
    const out = join(await tempDir(), 'app.tgz');
    const result = await packApp(await app({ ...APP, 'flowrt-app.json': '{"name":"orders","version":"1.2.0"}' }), out, { now: NOW });
    const expected: Manifest = {
      name: 'orders',
      version: '1.2.0',
      minRuntimeVersion: RUNTIME_VERSION,
      createdAt: '2025-01-02T03:04:05.000Z',
      checksum: checksumOf(APP),
      files: Object.keys(APP).length,
    };
    expect(result.manifest).toEqual(expected);
    const archive = await readFile(out);
    expect(result.bytes).toBe(archive.length);
    expect(JSON.parse((await entries(archive))[0]!.body.toString())).toEqual(expected);
  });

  it('takes name and version from flowrt-app.json, then package.json, then the folder name and 0.0.0', async () => {
    const out = join(await tempDir(), 'app.tgz');
    const fromPackage = await app({ ...APP, 'package.json': '{"name":"from-pkg","version":"2.0.0"}' });
    expect((await packApp(fromPackage, out)).manifest).toMatchObject({ name: 'from-pkg', version: '2.0.0' });
    const mixed = await app({
      ...APP,
      'package.json': '{"name":"from-pkg","version":"2.0.0"}',
      'flowrt-app.json': '{"name":"own","minRuntimeVersion":"0.0.1"}',
    });
    expect((await packApp(mixed, out)).manifest).toMatchObject({ name: 'own', version: '2.0.0', minRuntimeVersion: '0.0.1' });
    const bare = await app();
    expect((await packApp(bare, out)).manifest).toMatchObject({ name: bare.split('/').pop(), version: '0.0.0' });
    expect((await packApp(bare, out, { name: 'given', version: '3.1.4-rc.1' })).manifest).toMatchObject({ name: 'given', version: '3.1.4-rc.1' });
  });

  it('writes byte-identical archives for the same files at the same time', async () => {
    const [a, b] = [await packed(), await packed()];
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a name or version the manifest could not carry', async () => {
    const out = join(await tempDir(), 'app.tgz');
    await expect(packApp(await app({ ...APP, 'package.json': '{"name":"@acme/orders"}' }), out)).rejects.toMatchObject({
      code: 'invalid-manifest',
      message: expect.stringContaining('"@acme/orders" is not a valid app name'),
    });
    await expect(packApp(await app(), out, { version: 'latest' })).rejects.toMatchObject({
      code: 'invalid-manifest',
      message: expect.stringContaining('version "latest" is not a semantic version'),
    });
  });

  it('refuses an app holding a symbolic link, naming it', async () => {
    const dir = await app();
    await symlink('/etc/passwd', join(dir, 'config', 'shared.yaml'));
    const out = join(await tempDir(), 'app.tgz');
    await expect(packApp(dir, out)).rejects.toMatchObject({
      code: 'unsupported-file',
      message: expect.stringContaining('config/shared.yaml is a symbolic link'),
    });
    await expect(readdir(join(out, '..'))).resolves.toEqual([]);
  });
});

describe('unpackApp', () => {
  it('restores every packed file and returns the manifest', async () => {
    const archive = await packed();
    const dest = join(await tempDir(), 'apps', 'orders');
    const manifest = await unpackApp(archive, dest);
    expect(manifest).toMatchObject({ name: 'orders', version: '1.2.0', checksum: checksumOf(APP), files: Object.keys(APP).length });
    for (const [path, text] of Object.entries(APP)) expect(await readFile(join(dest, path), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(join(dest, 'flowrt-app.json'), 'utf8'))).toEqual(manifest);
    await expect(readdir(join(dest, '..'))).resolves.toEqual(['orders']);
  });

  it('unpacks into an empty folder that already exists', async () => {
    const dest = await tempDir();
    await expect(unpackApp(await packed(), dest)).resolves.toMatchObject({ name: 'orders' });
    expect(await readFile(join(dest, 'README.md'), 'utf8')).toBe('# orders');
  });

  it('reads the manifest without extracting', async () => {
    await expect(readManifest(await packed())).resolves.toMatchObject({ name: 'orders', version: '1.2.0', files: Object.keys(APP).length });
    await expect(readManifest(tarGz([{ path: 'flows/app.xml', body: FLOW }]))).rejects.toMatchObject({ code: 'invalid-manifest' });
  });

  it('refuses bytes that are not gzip', async () => {
    const r = await refusal(Buffer.from('PK\x03\x04 certainly not a tarball'));
    expect(r).toEqual({ code: 'not-an-archive', message: expect.stringContaining('not a gzip file'), left: [] });
  });

  it('refuses gzip that does not hold a tar', async () => {
    expect(await refusal(gzipSync(Buffer.from('hello '.repeat(200))))).toMatchObject({ code: 'not-an-archive', left: [] });
  });

  it('refuses a truncated archive and removes what it had extracted', async () => {
    const archive = await packed();
    expect(await refusal(archive.subarray(0, archive.length - 40))).toMatchObject({
      code: 'not-an-archive',
      message: expect.stringContaining('gzip'),
      left: [],
    });
    const tar = (await import('node:zlib')).gunzipSync(archive);
    expect(await refusal(gzipSync(tar.subarray(0, 512 * 5 + 100)))).toMatchObject({
      code: 'not-an-archive',
      message: expect.stringContaining('Truncated'),
      left: [],
    });
  });

  it('refuses an archive compressed twice', async () => {
    expect(await refusal(gzipSync(await packed()))).toMatchObject({ code: 'not-an-archive', message: 'the archive is compressed twice', left: [] });
  });

  it.each([
    ['../x', 'climbs out with ".."'],
    ['flows/../../x', 'climbs out with ".."'],
    ['/tmp/flowrt-escape', 'has an absolute path'],
    ['C:/Windows/x', 'has an absolute path'],
    ['flows\\..\\..\\x', 'backslash'],
  ])('refuses an entry at %s', async (path, why) => {
    const r = await refusal(
      tarGz([
        { path: 'flows/app.xml', body: FLOW },
        { path, body: 'pwned' },
      ]),
    );
    expect(r).toEqual({ code: 'unsafe-entry', message: expect.stringContaining(why), left: [] });
  });

  it.each([
    ['SymbolicLink', { linkpath: '/etc/passwd' }],
    ['Link', { linkpath: 'flows/app.xml' }],
    ['CharacterDevice', {}],
    ['FIFO', {}],
  ] as const)('refuses a %s entry', async (type, extra) => {
    const r = await refusal(
      tarGz([
        { path: 'flows/app.xml', body: FLOW },
        { path: 'config.yaml', type, ...extra },
      ]),
    );
    expect(r).toEqual({ code: 'unsafe-entry', message: `config.yaml: ${type} entries are refused; an app archive holds only files and folders`, left: [] });
  });

  it('refuses a path that appears twice', async () => {
    const r = await refusal(
      tarGz([
        { path: 'a.txt', body: '1' },
        { path: './a.txt', body: '2' },
      ]),
    );
    expect(r).toMatchObject({ code: 'unsafe-entry', message: expect.stringContaining('each path may appear once'), left: [] });
  });

  it('refuses content changed after packing', async () => {
    const list = await entries(await packed());
    const tampered = list.map((e) => (e.path === 'config.yaml' ? { ...e, body: Buffer.from('http:\n  port: 6666\n') } : e));
    expect(await refusal(tarGz(tampered))).toMatchObject({
      code: 'checksum-mismatch',
      message: expect.stringContaining('the archive was altered or damaged'),
      left: [],
    });
  });

  it('refuses a file added after packing, even one packing would leave out', async () => {
    const list = await entries(await packed());
    expect(await refusal(tarGz([...list, { path: '.hidden', body: 'x' }]))).toMatchObject({ code: 'checksum-mismatch', left: [] });
  });

  it('refuses an archive without a manifest, or with an invalid one', async () => {
    const list = await entries(await packed());
    const rest = list.filter((e) => e.path !== 'flowrt-app.json');
    expect(await refusal(tarGz(rest))).toMatchObject({ code: 'invalid-manifest', message: expect.stringContaining('has no flowrt-app.json'), left: [] });
    expect(await refusal(tarGz([{ path: 'flowrt-app.json', body: '{"name":' }, ...rest]))).toMatchObject({
      code: 'invalid-manifest',
      message: expect.stringContaining('not valid JSON'),
      left: [],
    });
    const bad = { ...(JSON.parse(list[0]!.body.toString()) as Manifest), name: '../etc' };
    expect(await refusal(tarGz([{ path: 'flowrt-app.json', body: JSON.stringify(bad) }, ...rest]))).toMatchObject({ code: 'invalid-manifest', left: [] });
  });

  it('refuses an app that needs a newer runtime', async () => {
    const archive = await packed({ ...APP, 'flowrt-app.json': '{"name":"orders","minRuntimeVersion":"999.0.0"}' });
    expect(await refusal(archive)).toEqual({
      code: 'runtime-too-old',
      message: `orders 0.0.0 needs flowrt 999.0.0 or newer; this is flowrt ${RUNTIME_VERSION}`,
      left: [],
    });
    await expect(unpackApp(archive, join(await tempDir(), 'app'), { runtimeVersion: '999.0.1' })).resolves.toMatchObject({ name: 'orders' });
  });

  it('refuses more entries than the limit', async () => {
    expect(await refusal(await packed(), { limits: { maxEntries: 3 } })).toEqual({
      code: 'too-many-entries',
      message: 'the archive holds more than 3 entries',
      left: [],
    });
  });

  it('refuses a body larger than the limit on its header, before inflating it', async () => {
    // The header claims 1 MiB and no body follows: the size alone must be enough to refuse.
    const r = await refusal(tarGz([{ path: 'big.bin', size: 1024 * 1024 }], Buffer.alloc(0)), { limits: { maxBytes: 64 * 1024 } });
    expect(r).toEqual({ code: 'too-large', message: `the archive holds more than ${64 * 1024} bytes uncompressed`, left: [] });
  });

  it('stops inflating a zip bomb at the limit', async () => {
    // 50 MiB of zeros after the end of the tar: a few KiB compressed, never declared by a header.
    const bomb = tarGz([{ path: 'flows/app.xml', body: FLOW }], Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(bomb, { limits: { maxBytes: 1024 * 1024 } })).toMatchObject({ code: 'too-large', left: [] });
    const files = await refusal(
      tarGz([
        { path: 'a.bin', body: Buffer.alloc(600 * 1024) },
        { path: 'b.bin', body: Buffer.alloc(600 * 1024) },
      ]),
      { limits: { maxBytes: 1024 * 1024 } },
    );
    expect(files).toMatchObject({ code: 'too-large', left: [] });
  });

  it('never writes into a folder that is not empty', async () => {
    const dest = await tempDir();
    await writeFile(join(dest, 'keep.txt'), 'mine');
    await expect(unpackApp(await packed(), dest)).rejects.toMatchObject({ code: 'destination-exists' });
    expect(await readdir(dest)).toEqual(['keep.txt']);
  });

  it('leaves nothing behind when a refusal comes late in the archive', async () => {
    const list = await entries(await packed());
    const parent = await tempDir();
    await mkdir(join(parent, 'other'));
    const archive = tarGz([...list, { path: 'zz/../../escape', body: 'x' }]);
    await expect(unpackApp(archive, join(parent, 'app'))).rejects.toMatchObject({ code: 'unsafe-entry' });
    expect(await readdir(parent)).toEqual(['other']);
  });
});

describe('compareVersions', () => {
  it('orders by semver precedence', () => {
    const sorted = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < sorted.length - 1; i++) {
      expect(compareVersions(sorted[i]!, sorted[i + 1]!)).toBeLessThan(0);
      expect(compareVersions(sorted[i + 1]!, sorted[i]!)).toBeGreaterThan(0);
    }
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(ArchiveError);
  });
});
