import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { muleCipher } from '../../../src/properties/secure/mule-cipher.js';
import { encryptString } from '../../../src/properties/secure/secure-value.js';
import type { LoadResult } from '../../../src/index.js';
import { load, mule } from '../../helpers/app.js';
import { at, single } from './diagnostics.js';

const NS = 'xmlns:secure-properties="http://www.mulesoft.org/schema/mule/secure-properties"';
const KEY = 'flowrt-test-k16b';
const SECURE_YAML = `password: "![${encryptString(muleCipher({ algorithm: 'AES', mode: 'CBC', useRandomIVs: false }, KEY), 'pa55')}]"\n`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Loads an app with `config` and a flow using ${secure::password}; `secure.yaml` holds it. */
async function withConfig(config: string, props: Record<string, string> = { 'secure.key': KEY }): Promise<LoadResult & { xml: string }> {
  const xml = mule(`${config}\n<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${secure::password}"/></flow>`);
  const l = await load({ 'flows/app.xml': xml, 'secure.yaml': SECURE_YAML }, { props });
  dirs.push(l.dir);
  return { ...l, xml };
}

describe('<secure-properties:config>', () => {
  it('loads with the encrypt defaults (AES, CBC) when <secure-properties:encrypt> is left out', async () => {
    const l = await withConfig(`<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"/>`);
    expect(l.diagnostics).toEqual([]);
    expect(l.app).toBeDefined();
  });

  it('warns that a key written in the XML should come from a property, and still loads', async () => {
    const l = await withConfig(`<secure-properties:config ${NS} name="s" file="secure.yaml" key="${KEY}"/>`);
    const d = single(l);
    expect(d).toMatchObject({ code: 'secure-key-literal', severity: 'warning', loc: at(l.xml, KEY) });
    expect(d.message).toBe('the key of <secure-properties:config name="s"> is written in the XML: anyone who can read the app can decrypt its secure file');
    expect(d.hint).toContain('--prop secure.key=');
    expect(l.app).toBeDefined();
  });

  it('reports an undefined key property once, where it is named, without a follow-up for the value', async () => {
    const l = await withConfig(`<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"/>`, {});
    const d = single(l);
    expect(d).toMatchObject({ code: 'secure-key-undefined', severity: 'error', loc: at(l.xml, '${secure.key}') });
    expect(d.message).toBe('the key of <secure-properties:config name="s"> comes from property "secure.key", which is not defined');
    expect(l.app).toBeUndefined();
  });

  it.each(['DES', 'DESede', 'RC2', 'Twofish'])("says Mule's %s is not supported by flowrt yet", async (algorithm) => {
    const l = await withConfig(
      `<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"><secure-properties:encrypt algorithm="${algorithm}"/></secure-properties:config>`,
    );
    const d = single(l);
    expect(d).toMatchObject({ code: 'secure-algorithm-unsupported', loc: at(l.xml, `${algorithm}"/>`) });
    expect(d.message).toBe(`algorithm="${algorithm}" is not supported by flowrt yet, use AES or Blowfish`);
  });

  it('suggests the algorithm a typo meant', async () => {
    const l = await withConfig(
      `<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"><secure-properties:encrypt algorithm="Blowfsh"/></secure-properties:config>`,
    );
    expect(single(l)).toMatchObject({
      code: 'secure-algorithm-unknown',
      message: `algorithm="Blowfsh" is not an algorithm of Mule's secure properties; did you mean "Blowfish"?`,
    });
  });

  it('names the modes Mule has', async () => {
    const l = await withConfig(
      `<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"><secure-properties:encrypt mode="GCM"/></secure-properties:config>`,
    );
    expect(single(l)).toMatchObject({ code: 'secure-mode-unknown', message: 'mode="GCM" must be one of CBC, CFB, ECB, OFB', loc: at(l.xml, 'GCM') });
  });

  it('reads algorithm and mode from properties too', async () => {
    const l = await withConfig(
      `<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}"><secure-properties:encrypt algorithm="\${alg}" mode="\${mode}"/></secure-properties:config>`,
      { 'secure.key': KEY, alg: 'AES', mode: 'CBC' },
    );
    expect(l.diagnostics).toEqual([]);
  });

  it('checks its attributes like any element', async () => {
    const l = await withConfig(`<secure-properties:config ${NS} name="s" file="secure.yaml" key="\${secure.key}" fileLevelEncryption="yes"/>`);
    expect(l.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('fileLevelEncryption="yes"')]);
  });
});
