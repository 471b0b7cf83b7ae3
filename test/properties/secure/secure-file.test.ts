import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CipherSettings } from '../../../src/properties/secure/mule-cipher.js';
import { muleCipher } from '../../../src/properties/secure/mule-cipher.js';
import { encryptString } from '../../../src/properties/secure/secure-value.js';
import type { LoadResult } from '../../../src/index.js';
import { load, mule } from '../../helpers/app.js';
import { at, single } from './diagnostics.js';

const NS = 'xmlns:secure-properties="http://www.mulesoft.org/schema/mule/secure-properties"';
const KEY = 'flowrt-test-k16b';
const AES: CipherSettings = { algorithm: 'AES', mode: 'CBC', useRandomIVs: false };
const enc = (value: string, key = KEY, settings = AES) => `![${encryptString(muleCipher(settings, key), value)}]`;
const SECRETS = ['first-secret', 'second-secret'];

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Setup {
  readonly file?: string;
  readonly text?: string;
  readonly attrs?: string;
  readonly key?: string;
  readonly use?: string;
}

async function loadSecure(s: Setup): Promise<LoadResult & { xml: string }> {
  const config = `<secure-properties:config ${NS} name="s" file="${s.file ?? 'secure.yaml'}" key="\${secure.key}" ${s.attrs ?? ''}/>`;
  const xml = mule(`${config}\n<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${secure::${s.use ?? 'a'}}"/></flow>`);
  const files: Record<string, string> = { 'flows/app.xml': xml };
  if (s.text !== undefined) files[s.file ?? 'secure.yaml'] = s.text;
  const l = await load(files, { props: { 'secure.key': s.key ?? KEY } });
  dirs.push(l.dir);
  return { ...l, xml };
}

/** No message or hint shows a secret or the key. */
function expectNothingRevealed(l: LoadResult, key = KEY): void {
  const text = JSON.stringify(l.diagnostics);
  for (const s of [...SECRETS, key]) expect(text).not.toContain(s);
}

describe('secure properties files', () => {
  it('reports a missing file where the config names it', async () => {
    const l = await loadSecure({ file: 'nope.yaml' });
    const d = single(l);
    expect(d).toMatchObject({
      code: 'secure-file-missing',
      message: 'secure properties file "nope.yaml" does not exist in the app',
      loc: at(l.xml, 'nope.yaml'),
    });
  });

  it('reports a wrong key once, at the key, naming its property and the file but no value', async () => {
    const l = await loadSecure({ text: `a: "${enc(SECRETS[0]!)}"\nb: "${enc(SECRETS[1]!)}"\n`, key: 'a-wrong-key-16by' });
    const d = single(l);
    expect(d.code).toBe('secure-key-wrong');
    expect(d.loc).toMatchObject(at(l.xml, '${secure.key}'));
    expect(d.message).toMatch(/^the key from property "secure\.key" does not decrypt .*secure\.yaml: none of its 2 encrypted values does$/);
    expect(d.hint).toBe(
      'the key is wrong, or the value was encrypted otherwise than <secure-properties:encrypt algorithm="AES" mode="CBC" useRandomIVs="false">',
    );
    expectNothingRevealed(l, 'a-wrong-key-16by');
    expect(l.app).toBeUndefined();
  });

  it('reports a value that does not decrypt where it is written in the file', async () => {
    const other = enc('x', 'another-key-16by');
    const l = await loadSecure({ text: `a: "${enc(SECRETS[0]!)}"\nnested:\n  b: "${other}"\n` });
    const d = single(l);
    expect(d.code).toBe('secure-decrypt-failed');
    expect(d.message).toMatch(/^the key from property "secure\.key" does not decrypt "nested\.b" in .*secure\.yaml: the decrypted value has no valid padding$/);
    expect(d.loc).toMatchObject({ line: 3, col: 6 });
    expect(d.loc!.file).toMatch(/secure\.yaml$/);
    expectNothingRevealed(l);
  });

  it('says so when a value is not base64, in a .properties file at its line', async () => {
    const l = await loadSecure({ file: 'secure.properties', text: `# secrets\na=${enc(SECRETS[0]!)}\nb=![not base64!]\n` });
    const d = single(l);
    expect(d).toMatchObject({ code: 'secure-decrypt-failed', loc: { line: 3, col: 1 } });
    expect(d.message).toMatch(/does not decrypt "b" in .*secure\.properties: the value is not base64$/);
  });

  it('refuses a key of a size the algorithm cannot take, without showing it', async () => {
    const l = await loadSecure({ text: `a: "${enc(SECRETS[0]!)}"\n`, key: 'short' });
    const d = single(l);
    expect(d).toMatchObject({
      code: 'secure-key-invalid',
      message: 'the key from property "secure.key" does not fit AES: an AES key is 16, 24 or 32 bytes (UTF-8), this one is 5',
    });
    expectNothingRevealed(l, 'short');
  });

  it('reports a file encrypted whole that the key does not decrypt', async () => {
    const whole = encryptString(muleCipher(AES, 'another-key-16by'), `a: ${SECRETS[0]}\n`);
    const l = await loadSecure({ text: whole, attrs: 'fileLevelEncryption="true"' });
    const d = single(l);
    expect(d.code).toBe('secure-decrypt-failed');
    expect(d.message).toMatch(/^the key from property "secure\.key" does not decrypt .*secure\.yaml \(fileLevelEncryption="true"\): /);
    expect(d.loc).toMatchObject({ line: 1, col: 1 });
  });

  it('reads the file in its encoding', async () => {
    const l = await loadSecure({ text: `a: "${enc(SECRETS[0]!)}"\n`, attrs: 'encoding="no-such-charset"' });
    expect(single(l)).toMatchObject({ code: 'invalid-encoding', loc: at(l.xml, 'secure.yaml') });
  });
});

describe('${secure::name}', () => {
  it('reports a name no secure file defines, where it is used, with the likely one', async () => {
    const l = await loadSecure({ text: `password: "${enc(SECRETS[0]!)}"\n`, use: 'pasword' });
    const d = single(l);
    expect(d.code).toBe('secure-property-undefined');
    expect(d.message).toMatch(/^secure property "pasword" is not defined in .*secure\.yaml; did you mean "password"\?$/);
    expect(d.loc).toMatchObject(at(l.xml, '${secure::pasword}'));
  });

  it('needs a <secure-properties:config>', async () => {
    const xml = mule('<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="${secure::db.password}"/></flow>');
    const l = await load({ 'flows/app.xml': xml });
    dirs.push(l.dir);
    expect(single(l)).toMatchObject({
      code: 'secure-no-config',
      message: '${secure::db.password} needs a <secure-properties:config>, and the app declares none',
      loc: at(xml, '${secure::db.password}'),
    });
  });

  it('is not reported again when its file did not load', async () => {
    const l = await loadSecure({ file: 'missing.yaml' });
    expect(l.diagnostics.map((d) => d.code)).toEqual(['secure-file-missing']);
  });

  it('never shows a decrypted value in a diagnostic, even where an element quotes its attribute', async () => {
    const config = `<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"/>`;
    const xml = mule(`${config}\n<flow name="f"><http:listener config-ref="listener" path="/"/><logger level="\${secure::level}"/></flow>`);
    const l = await load({ 'flows/app.xml': xml, 'secure.yaml': `level: "${enc(SECRETS[0]!)}"\n` }, { props: { 'secure.key': KEY } });
    dirs.push(l.dir);
    const d = single(l);
    expect(d.message).toBe('level="****" on <logger> must be one of TRACE, DEBUG, INFO, WARN, ERROR');
    expectNothingRevealed(l);
  });
});
