import { readFile, rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/index.js';
import { load as loadFiles, mule } from '../helpers/app.js';
import { answer, bytes, httpsApp } from '../helpers/https.js';
import { TestPki } from '../helpers/tls.js';

/*
 * Load diagnostics of key stores and TLS contexts: what is wrong, and file:line:col of the
 * attribute that makes it wrong.
 */

type Loaded = LoadResult & { dir: string };

let pki: TestPki;
beforeAll(() => {
  pki = new TestPki();
});
afterAll(() => pki.close());
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function load(tls: string, extraFiles: Record<string, string> = {}): Promise<Loaded> {
  const loaded = await loadFiles({ 'flows/app.xml': httpsApp(tls, answer('/a', 'x')) }, { extraFiles });
  dirs.push(loaded.dir);
  return loaded;
}

function problems(loaded: Loaded, severity: 'error' | 'warning' = 'error'): Array<{ message: string; at: string; hint?: string }> {
  return loaded.diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => ({
      message: d.message,
      at: d.loc ? `${relative(loaded.dir, d.loc.file)}:${d.loc.line}:${d.loc.col}` : '(none)',
      ...(d.hint ? { hint: d.hint } : {}),
    }));
}

/** `flows/app.xml:line:col` where `text` first occurs in the app file. */
async function col(loaded: Loaded, text: string): Promise<string> {
  const lines = (await readFile(`${loaded.dir}/flows/app.xml`, 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return `flows/app.xml:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

describe('tls:key-store diagnostics', () => {
  it('reports a missing key store file at its path', async () => {
    const loaded = await load(`<tls:context><tls:key-store path="nowhere.p12" password="pw"/></tls:context>`);
    expect(loaded.app).toBeUndefined();
    expect(problems(loaded)).toContainEqual(
      expect.objectContaining({ message: 'resource "nowhere.p12" does not exist in the app', at: await col(loaded, 'nowhere.p12') }),
    );
  });

  it('reports a missing absolute key store file', async () => {
    const loaded = await load(`<tls:context><tls:key-store path="/nonexistent/server.p12" password="pw"/></tls:context>`);
    expect(problems(loaded)[0]).toMatchObject({ message: 'key store file "/nonexistent/server.p12" does not exist', at: await col(loaded, '/nonexistent') });
  });

  it('reports a wrong PKCS#12 password at the password', async () => {
    const loaded = await load(`<tls:context><tls:key-store path="s.p12" password="wrong"/></tls:context>`, {
      's.p12': bytes(pki.pkcs12(pki.server(), 'right')),
    });
    expect(problems(loaded)).toEqual([expect.objectContaining({ message: 'wrong password for key store "s.p12"', at: await col(loaded, 'wrong') })]);
  });

  it('reports a store with certificates but no private key', async () => {
    const loaded = await load(`<tls:context><tls:key-store type="pkcs12" path="s.p12" password="pw"/></tls:context>`, {
      's.p12': bytes(pki.certificatesOnly(pki.server(), 'pw')),
    });
    expect(problems(loaded)).toEqual([
      expect.objectContaining({ message: 'key store "s.p12" holds no private key, only certificates', at: await col(loaded, 's.p12') }),
    ]);
  });

  it('reports a PEM certificate that does not match its key', async () => {
    const mine = pki.server('mine');
    const other = pki.server('other');
    const loaded = await load(`<tls:context><tls:key-store type="pem" path="s.pem"/></tls:context>`, { 's.pem': `${other.key}${mine.cert}` });
    expect(problems(loaded)).toEqual([
      expect.objectContaining({ message: 'the certificate of "s.pem" (CN=localhost) does not match its private key', at: await col(loaded, 's.pem') }),
    ]);
  });

  it('reports a wrong keyPassword of an encrypted PEM key at keyPassword', async () => {
    const server = pki.server('locked', { keyPassword: 'right' });
    const loaded = await load(`<tls:context><tls:key-store path="s.pem" keyPassword="nope"/></tls:context>`, { 's.pem': server.pem });
    expect(problems(loaded)).toEqual([expect.objectContaining({ message: 'wrong keyPassword for the private key in "s.pem"', at: await col(loaded, 'nope') })]);
  });

  it('reports a PEM file without a key, and a type that contradicts the content', async () => {
    const cert = pki.server().cert;
    expect(problems(await load(`<tls:context><tls:key-store type="pem" path="s.pem"/></tls:context>`, { 's.pem': cert }))[0]!.message).toBe(
      'key store "s.pem" holds no private key',
    );
    expect(problems(await load(`<tls:context><tls:key-store type="pkcs12" path="s.pem"/></tls:context>`, { 's.pem': cert }))[0]!.message).toBe(
      'key store "s.pem" is PEM text: write type="pem"',
    );
  });

  it('serves an expired certificate as Mule does, with a warning at load', async () => {
    const old = pki.server('old', { startDate: '20200101000000Z', endDate: '20200201000000Z' });
    const loaded = await load(`<tls:context><tls:key-store path="s.pem"/></tls:context>`, { 's.pem': old.pem });
    expect(loaded.app).toBeDefined();
    expect(problems(loaded, 'warning')).toContainEqual(
      expect.objectContaining({
        message: 'the certificate (CN=localhost) expired on 2020-02-01T00:00:00.000Z: clients will refuse it',
        at: await col(loaded, 's.pem'),
      }),
    );
  });

  it('explains how to convert a JKS store, whatever type it claims', async () => {
    const jks = Buffer.concat([Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]), Buffer.alloc(32)]);
    for (const type of ['jks', 'pkcs12']) {
      const loaded = await load(`<tls:context><tls:key-store type="${type}" path="keys/s.jks" password="pw"/></tls:context>`, { 'keys/s.jks': bytes(jks) });
      expect(problems(loaded)).toEqual([
        {
          message: '"keys/s.jks" is a JKS key store, which Node.js cannot read; convert it to PKCS#12 and write type="pkcs12"',
          at: await col(loaded, 'keys/s.jks'),
          hint: 'keytool -importkeystore -srckeystore keys/s.jks -srcstoretype jks -destkeystore s.p12 -deststoretype pkcs12',
        },
      ]);
    }
  });

  it('serves the key an alias names when it is the first of the store, and explains why another cannot be served', async () => {
    const merged = pki.merged([
      { p12: pki.pkcs12(pki.server('a'), 'secret', 'first'), password: 'secret' },
      { p12: pki.pkcs12(pki.server('b'), 'secret', 'second'), password: 'secret' },
    ]);
    const files = { 's.p12': bytes(merged) };
    expect((await load(`<tls:context><tls:key-store path="s.p12" password="secret" alias="FIRST"/></tls:context>`, files)).app).toBeDefined();
    const second = await load(`<tls:context><tls:key-store path="s.p12" password="secret" alias="second"/></tls:context>`, files);
    expect(problems(second)).toEqual([
      expect.objectContaining({
        message: 'Node.js serves the first key of a PKCS#12 file ("first") and cannot select "second", its key number 2',
        at: await col(second, 'second"/>'),
      }),
    ]);
    expect(problems(await load(`<tls:context><tls:key-store path="s.p12" password="secret" alias="third"/></tls:context>`, files))[0]!.message).toBe(
      'key store "s.p12" has no key named "third"; its keys: "first", "second"',
    );
  });
});

describe('HTTPS listener configuration', () => {
  it('needs a TLS context, and a key store in it', async () => {
    expect(problems(await load(''))[0]!.message).toBe('an HTTPS listener needs a TLS context');
    const trustOnly = await load(`<tls:context><tls:trust-store path="ca.pem"/></tls:context>`, { 'ca.pem': pki.ca.cert });
    expect(problems(trustOnly)[0]!.message).toBe('an HTTPS listener needs a <tls:key-store> with its private key and certificate');
  });

  it('refuses an unknown TLS version or cipher suite where it is written', async () => {
    const files = { 's.pem': pki.server().pem };
    const version = await load(`<tls:context enabledProtocols="TLSv1.2, SSLv3"><tls:key-store path="s.pem"/></tls:context>`, files);
    expect(problems(version)[0]).toMatchObject({
      message: 'enabledProtocols: "SSLv3" is not a TLS version Node.js supports',
      at: await col(version, 'TLSv1.2, SSLv3'),
    });
    const cipher = await load(`<tls:context enabledCipherSuites="TLS_NOPE_WITH_NOTHING"><tls:key-store path="s.pem"/></tls:context>`, files);
    expect(problems(cipher)[0]!.message).toBe('enabledCipherSuites: "TLS_NOPE_WITH_NOTHING" is not a cipher suite Node.js supports');
  });

  it('warns that Node.js enables a range of TLS versions', async () => {
    const loaded = await load(`<tls:context enabledProtocols="TLSv1.1,TLSv1.3"><tls:key-store path="s.pem"/></tls:context>`, { 's.pem': pki.server().pem });
    expect(problems(loaded, 'warning').map((w) => w.message)).toEqual([
      'enabledProtocols: Node.js enables a range of versions, so TLSv1.2 is enabled too',
      'enabledProtocols: TLSv1.1 are obsolete (RFC 8996) and refused by most clients',
    ]);
  });

  it('warns that the TLS context of an HTTP connection is not used', async () => {
    const loaded = await loadFiles(
      {
        'flows/app.xml': mule(
          `<http:listener-config name="l"><http:listener-connection host="127.0.0.1" port="0"><tls:context><tls:key-store path="s.pem"/></tls:context></http:listener-connection></http:listener-config>`,
        ),
      },
      { extraFiles: { 's.pem': pki.server().pem } },
    );
    dirs.push(loaded.dir);
    expect(problems(loaded as Loaded, 'warning').map((w) => w.message)).toContain('this connection is HTTP: its TLS context is not used');
  });

  it('refuses a key store on an outbound request, which flowrt cannot present yet', async () => {
    const loaded = await loadFiles(
      {
        'flows/app.xml': mule(
          `<http:request-config name="up"><http:request-connection host="127.0.0.1" port="1" protocol="HTTPS"><tls:context><tls:key-store path="s.pem"/></tls:context></http:request-connection></http:request-config>`,
        ),
      },
      { extraFiles: { 's.pem': pki.server().pem } },
    );
    dirs.push(loaded.dir);
    expect(problems(loaded as Loaded).map((e) => e.message)).toEqual([
      'flowrt does not send client certificates on outbound requests yet: <tls:key-store> works on HTTPS listeners only',
    ]);
  });
});
