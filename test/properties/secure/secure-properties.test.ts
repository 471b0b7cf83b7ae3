import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CipherSettings } from '../../../src/properties/secure/mule-cipher.js';
import { muleCipher } from '../../../src/properties/secure/mule-cipher.js';
import { encryptString } from '../../../src/properties/secure/secure-value.js';
import type { Diagnostic, LoadResult } from '../../../src/index.js';
import { load, mule, start } from '../../helpers/app.js';
import type { TestApp } from '../../helpers/app.js';

const NS = 'xmlns:secure-properties="http://www.mulesoft.org/schema/mule/secure-properties"';
const KEY = 'flowrt-test-k16b';
const AES: CipherSettings = { algorithm: 'AES', mode: 'CBC', useRandomIVs: false };
const enc = (value: string, key = KEY, settings = AES) => `![${encryptString(muleCipher(settings, key), value)}]`;

/** A secure config, then a flow answering GET / with `payload`. */
function app(
  payload: string,
  config = `<secure-properties:config ${NS} name="secure" file="secure.yaml" key="\${secure.key}"><secure-properties:encrypt algorithm="AES" mode="CBC"/></secure-properties:config>`,
): string {
  return mule(`${config}\n<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="${payload}"/></flow>`);
}

const running: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function loaded(files: Record<string, string>, props: Record<string, string> = { 'secure.key': KEY }): Promise<LoadResult & { dir: string }> {
  const l = await load(files, { props });
  dirs.push(l.dir);
  return l;
}

const codes = (l: LoadResult) => l.diagnostics.map((d) => d.code);
const only = (l: LoadResult, code: string): Diagnostic => {
  const found = l.diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(l.diagnostics)).toHaveLength(1);
  return found[0]!;
};

describe('${secure::…} end to end', () => {
  it('serves a flow whose payload is a decrypted secure value; the key comes from --prop', async () => {
    const a = await start(app('${secure::db.password}'), {
      props: { 'secure.key': KEY },
      extraFiles: { 'secure.yaml': `db:\n  password: "${enc('s3cr3t-pa55')}"\n` },
    });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('s3cr3t-pa55');
    expect(a.diagnostics).toEqual([]);
    expect(JSON.stringify(a.logs)).not.toContain('s3cr3t-pa55');
  });

  it('takes the key from an environment variable, and a Blowfish file with random IVs', async () => {
    const bf: CipherSettings = { algorithm: 'Blowfish', mode: 'OFB', useRandomIVs: true };
    const config = `<secure-properties:config ${NS} name="s" file="secure.properties" key="\${SECURE_KEY}"><secure-properties:encrypt algorithm="Blowfish" mode="OFB" useRandomIVs="true"/></secure-properties:config>`;
    const a = await start(app('${secure::token}', config), {
      environment: { SECURE_KEY: 'blowfish key' },
      extraFiles: { 'secure.properties': `token=${enc('tok-123', 'blowfish key', bf)}\n` },
    });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('tok-123');
  });

  it('returns plain values of the secure file as written, and finds the file by ${env}', async () => {
    const config = `<secure-properties:config ${NS} name="secure" file="secure-\${env}.yaml" key="\${secure.key}"/>`;
    const l = await load(
      { 'flows/app.xml': app('${secure::user}:${secure::pass}', config), 'secure-dev.yaml': `user: admin\npass: "${enc('pw')}"\n` },
      { props: { 'secure.key': KEY }, env: 'dev' },
    );
    dirs.push(l.dir);
    expect(codes(l)).toEqual(['missing-env-file']);
    expect(l.app).toBeDefined();
  });

  it('decrypts a file encrypted whole (fileLevelEncryption="true")', async () => {
    const whole = encryptString(muleCipher(AES, KEY), 'api:\n  secret: whole-file-secret\n');
    const config = `<secure-properties:config ${NS} name="secure" file="secure.yaml" key="\${secure.key}" fileLevelEncryption="true"/>`;
    const a = await start(app('${secure::api.secret}', config), { props: { 'secure.key': KEY }, extraFiles: { 'secure.yaml': `${whole}\n` } });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('whole-file-secret');
  });

  it("resolves ${…} inside a decrypted value, and a property embedding a secure one (Mule's docs example)", async () => {
    const config = `<global-property name="prop" value="my-\${secure::property.key1}"/><secure-properties:config ${NS} name="secure" file="secure.yaml" key="\${secure.key}"/>`;
    const flow = app('${prop} ${secure::url}', config);
    const files = {
      'flows/app.xml': flow,
      'secure.yaml': `property:\n  key1: "${enc('property')}"\nurl: "${enc('https://${host}/x')}"\n`,
      'config.yaml': 'host: example.com\n',
    };
    const a = await start(files, { props: { 'secure.key': KEY } });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('my-property https://example.com/x');
  });

  it("gives $p('secure::…') in expressions too", async () => {
    const a = await start(app("#[$p('secure::db.password')]"), {
      props: { 'secure.key': KEY },
      extraFiles: { 'secure.yaml': `db.password: "${enc('via-p')}"\n` },
    });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('via-p');
  });
});

describe('several secure-properties:config', () => {
  const two = (second: string) =>
    `<secure-properties:config ${NS} name="a" file="a.yaml" key="\${secure.key}"/><secure-properties:config ${NS} name="b" file="b.yaml" key="\${other.key}"><secure-properties:encrypt algorithm="Blowfish"/></secure-properties:config>${second}`;
  const bf: CipherSettings = { algorithm: 'Blowfish', mode: 'CBC', useRandomIVs: false };

  it('answers secure:: from every file, each with its own key and algorithm', async () => {
    const files = {
      'flows/app.xml': mule(
        `${two('')}<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${secure::x} \${secure::y}"/></flow>`,
      ),
      'a.yaml': `x: "${enc('from-a')}"\n`,
      'b.yaml': `y: "${enc('from-b', 'other', bf)}"\n`,
    };
    const a = await start(files, { props: { 'secure.key': KEY, 'other.key': 'other' } });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('from-a from-b');
  });

  it('lets the first config declared win a name both files define, with a warning at the second', async () => {
    const files = {
      'flows/app.xml': mule(`${two('')}<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${secure::x}"/></flow>`),
      'a.yaml': `x: "${enc('from-a')}"\n`,
      'b.yaml': `\nx: "${enc('from-b', 'other', bf)}"\n`,
    };
    const a = await start(files, { props: { 'secure.key': KEY, 'other.key': 'other' } });
    running.push(a);
    expect(await (await fetch(a.url('/'))).text()).toBe('from-a');
    const d = a.diagnostics.find((x) => x.code === 'secure-property-ambiguous')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/^secure property "x" is defined in both .*a\.yaml and .*b\.yaml: \$\{secure::x\} gives .*a\.yaml's value$/);
    expect(d.loc).toMatchObject({ line: 2, col: 4 });
  });
});

describe('secure values referring to others', () => {
  it('reports secure values that refer to each other in a cycle', async () => {
    const l = await loaded({ 'flows/app.xml': app('${secure::a}'), 'secure.yaml': `a: "${enc('${secure::b}')}"\nb: "${enc('${secure::a}')}"\n` });
    expect(codes(l)).toEqual(['invalid-property']);
    expect(only(l, 'invalid-property').message).toBe('secure properties refer to each other in a cycle: "a" → "b" → "a"');
  });

  it('reports a secure value referring to a property that is not defined', async () => {
    const l = await loaded({ 'flows/app.xml': app('${secure::a}'), 'secure.yaml': `a: "${enc('x-${nope}')}"\n` });
    expect(only(l, 'invalid-property').message).toBe('secure property "a" refers to "nope", which is not defined');
  });
});
