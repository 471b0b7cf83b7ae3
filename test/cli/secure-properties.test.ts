import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unpackApp } from '../../src/deploy/archive/unpack.js';
import { mule, writeApp } from '../helpers/app.js';
import { BIN, cli, freePort, killChildren, run, waitFor } from '../helpers/cli.js';

const KEY = 'flowrt-test-k16b';
const NS = 'xmlns:secure-properties="http://www.mulesoft.org/schema/mule/secure-properties"';
// What `java ToolFile encrypt` (test/config/secure/fixtures) writes for "s3cret" with KEY, AES/CBC.
const SECRET = 's3cret';
const SECURE_YAML = 'db:\n  password: "![BWsm/iuUNP/zMKbPn8V3gA==]" # quoted\n';

const temps: string[] = [];
afterEach(async () => {
  killChildren();
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-secure-'));
  temps.push(dir);
  return dir;
}

/** The CLI with `input` on stdin. */
function withStdin(args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An app answering GET / with ${secure::db.password}, its key from ${secure.key}. */
async function secureApp(extra: string = ''): Promise<string> {
  const flows = mule(
    `<secure-properties:config ${NS} name="secure" file="secure.yaml" key="\${secure.key}"/>
<http:listener-config name="l"><http:listener-connection host="127.0.0.1" port="\${http.port}"/></http:listener-config>
<flow name="f"><http:listener config-ref="l" path="/"/><set-payload value="\${secure::db.password}"/>${extra}</flow>`,
    { listener: false },
  );
  const dir = await writeApp({ 'flows/app.xml': flows, 'secure.yaml': SECURE_YAML, 'config.yaml': 'http.port: 8081\n' });
  temps.push(dir);
  return dir;
}

describe('flowrt secure-properties', () => {
  it('is listed in --help', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toMatch(/^\s+secure-properties\s+encrypt or decrypt values for\s/m);
  });

  it("prints what Mule's Secure Properties Tool prints for string encrypt", async () => {
    // The tool's usage example: string encrypt Blowfish CBC mulesoft "some value to encrypt".
    expect(await run(['secure-properties', 'encrypt', '-a', 'Blowfish', '-m', 'CBC', '-k', 'mulesoft', 'some value to encrypt'])).toEqual({
      code: 0,
      stdout: '8q5e1+jy0cND2iV2WPThahmz6XsDwB6Z\n',
      stderr: '',
    });
    expect((await run(['secure-properties', 'encrypt', '--key', KEY, SECRET])).stdout).toBe('BWsm/iuUNP/zMKbPn8V3gA==\n');
  });

  it('decrypts a value, bare or as written in the file', async () => {
    expect((await run(['secure-properties', 'decrypt', '-a', 'Blowfish', '-k', 'mulesoft', '8q5e1+jy0cND2iV2WPThahmz6XsDwB6Z'])).stdout).toBe(
      'some value to encrypt\n',
    );
    expect((await run(['secure-properties', 'decrypt', '-k', KEY, '![BWsm/iuUNP/zMKbPn8V3gA==]'])).stdout).toBe(`${SECRET}\n`);
  });

  it('reads the value from stdin and the key from an environment variable, off the shell history', () => {
    const encrypted = withStdin(['secure-properties', 'encrypt', '--key-env', 'MY_KEY', '--use-random-iv', '-m', 'CFB'], `${SECRET}\n`, { MY_KEY: KEY });
    expect(encrypted.code).toBe(0);
    const decrypted = withStdin(['secure-properties', 'decrypt', '--key-env', 'MY_KEY', '--use-random-iv', '-m', 'CFB'], encrypted.stdout, { MY_KEY: KEY });
    expect(decrypted).toEqual({ code: 0, stdout: `${SECRET}\n`, stderr: '' });
  });

  it('says what is wrong, exit 1, and prints no value', async () => {
    expect(await run(['secure-properties', 'encrypt', '-a', 'DES', '-k', 'k', 'x'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --algorithm DES is not supported by flowrt yet, use AES or Blowfish\n',
    });
    expect(await run(['secure-properties', 'encrypt', '-k', 'short', 'x'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: an AES key is 16, 24 or 32 bytes (UTF-8), this one is 5\n',
    });
    expect(await run(['secure-properties', 'decrypt', '-k', 'a-wrong-key-16by', 'BWsm/iuUNP/zMKbPn8V3gA=='])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: cannot decrypt: the decrypted value has no valid padding (a wrong key, or another --algorithm, --mode or --use-random-iv)\n',
    });
  });

  it('encrypts a whole .yaml file value by value as the tool does (file mode), and back', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'in.yaml'), 'db:\n  password: "s3cret" # quoted\n');
    expect(await run(['secure-properties', 'encrypt', '-k', KEY, '--file', join(dir, 'in.yaml'), '-o', join(dir, 'out.yaml')])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(await readFile(join(dir, 'out.yaml'), 'utf8')).toBe(SECURE_YAML);
    await run(['secure-properties', 'decrypt', '-k', KEY, '--file', join(dir, 'out.yaml'), '-o', join(dir, 'back.yaml')]);
    expect(await readFile(join(dir, 'back.yaml'), 'utf8')).toBe('db:\n  password: "s3cret" # quoted\n');
    expect((await run(['secure-properties', 'encrypt', '-k', KEY, '--file', join(dir, 'in.yaml'), '-o', join(dir, 'out.properties')])).stderr).toBe(
      'error: the input and --out must both be .yaml files or both .properties files\n',
    );
  });

  it('encrypts a file whole (file-level) into what fileLevelEncryption="true" reads', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'plain.yaml'), `db:\n  password: ${SECRET}\n`);
    await run(['secure-properties', 'encrypt', '-k', KEY, '--file-level', join(dir, 'plain.yaml'), '-o', join(dir, 'whole.yaml')]);
    const whole = await readFile(join(dir, 'whole.yaml'), 'utf8');
    expect(whole).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const app = mule(
      `<secure-properties:config ${NS} name="s" file="whole.yaml" key="\${secure.key}" fileLevelEncryption="true"/><flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${secure::db.password}"/></flow>`,
    );
    const appDir = await writeApp({ 'flows/app.xml': app, 'whole.yaml': whole });
    temps.push(appDir);
    expect(await run(['validate', appDir, '--prop', `secure.key=${KEY}`])).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('secure values stay secret', () => {
  it('flowrt validate shows no decrypted value, even in an error quoting the attribute', async () => {
    const dir = await secureApp('<logger level="${secure::db.password}"/>');
    const { code, stdout, stderr } = await run(['validate', dir, '--prop', `secure.key=${KEY}`]);
    expect(code).toBe(1);
    expect(stderr).toContain('error: level="****" on <logger> must be one of');
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
    expect(`${stdout}${stderr}`).not.toContain(KEY);
  });

  it('flowrt validate names a wrong key and the file, and nothing else', async () => {
    const dir = await secureApp();
    const { code, stderr } = await run(['validate', dir, '--prop', 'secure.key=a-wrong-key-16by']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /secure\.yaml:2:13: error: the key from property "secure\.key" does not decrypt "db\.password" in \S*secure\.yaml: the decrypted value has no valid padding/,
    );
    expect(stderr).not.toContain('a-wrong-key-16by');
  });

  it('flowrt package writes the secure file as it is, encrypted', async () => {
    const dir = await secureApp();
    const out = join(await tempDir(), 'app.tgz');
    expect((await run(['package', dir, '-o', out, '--prop', `secure.key=${KEY}`])).code).toBe(0);
    const unpacked = await tempDir();
    await unpackApp(await readFile(out), unpacked);
    expect(await readFile(join(unpacked, 'secure.yaml'), 'utf8')).toBe(SECURE_YAML);
    expect((await readFile(out)).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('flowrt start serves the secure value and logs neither it nor the key, at trace level', async () => {
    const dir = await secureApp();
    const port = await freePort();
    const c = cli(['start', dir, '--log-level', 'trace', '--prop', `http.port=${port}`, '--prop', `secure.key=${KEY}`]);
    await waitFor(() => c.stdout().includes('"app started"'), 10_000, `the app to start\n${c.stderr()}`);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(SECRET);
    c.child.kill('SIGTERM');
    await c.exited(5000);
    expect(`${c.stdout()}${c.stderr()}`).not.toContain(SECRET);
  });
});
