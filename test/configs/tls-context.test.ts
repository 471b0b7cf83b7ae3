import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { getCiphers } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/assembly/build-app.js';
import { defaultRegistry } from '../../src/assembly/registry.js';
import { CIPHER_SUITES } from '../../src/configs/tls/cipher-suites.js';
import { createLogger } from '../../src/deploy/logger.js';
import { parseXml } from '../../src/dsl/parse-xml.js';
import { buildGraph } from '../../src/graph/app-graph.js';
import type { ListenerConfig } from '../../src/http/endpoint.js';
import { mule } from '../helpers/app.js';
import { answer } from '../helpers/https.js';
import { TestPki } from '../helpers/tls.js';

let pki: TestPki;
let dir: string;
beforeAll(() => {
  pki = new TestPki();
  dir = mkdtempSync(join(tmpdir(), 'flowrt-tls-context-'));
  writeFileSync(join(dir, 'server.p12'), pki.pkcs12(pki.server(), 'pw'));
  writeFileSync(join(dir, 'ca.pem'), pki.ca.cert);
});
afterAll(() => {
  pki.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Builds one flow file the way load does, resources read from the temp folder. */
function build(body: string) {
  const parsed = parseXml('app.xml', mule(body, { listener: false }));
  const { graph } = buildGraph([{ path: 'app.xml', root: parsed.root! }]);
  return buildApp({
    name: 'tls',
    graph,
    registry: defaultRegistry(),
    property: () => undefined,
    readResource: (path) => ({ text: '', file: join(dir, path) }),
    log: createLogger('silent'),
  });
}

const listener = (connection: string) =>
  `<http:listener-config name="listener"><http:listener-connection protocol="HTTPS" host="127.0.0.1" port="0" ${connection}/></http:listener-config>${answer('/a', 'x')}`;

describe('global <tls:context>', () => {
  it("is named by a listener connection's tlsContext, its stores read once", () => {
    const built = build(`<tls:context name="serverTls" enabledProtocols="TLSv1.3">
        <tls:trust-store path="ca.pem"/><tls:key-store path="server.p12" password="pw"/></tls:context>${listener('tlsContext="serverTls"')}`);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = built.app!.configs.get('listener') as ListenerConfig;
    expect(config.tls).toMatchObject({ clientAuth: 'verified', context: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', passphrase: 'pw' } });
    expect(config.tls!.context.ca).toBe(pki.ca.cert);
  });

  it('reports a tlsContext naming nothing usable, and a context given twice', () => {
    const dangling = build(listener('tlsContext="nope"'));
    expect(dangling.diagnostics.map((d) => d.message)).toContain('tlsContext="nope" names no usable <tls:context>');
    const twice = build(`<tls:context name="t"><tls:key-store path="server.p12" password="pw"/></tls:context>
      <http:listener-config name="listener"><http:listener-connection protocol="HTTPS" host="127.0.0.1" port="0" tlsContext="t"><tls:context><tls:key-store path="server.p12" password="pw"/></tls:context></http:listener-connection></http:listener-config>${answer('/a', 'x')}`);
    expect(twice.diagnostics.map((d) => d.message)).toContain('give the TLS context either inline or by tlsContext, not both');
  });

  it('needs a store, and a name to be of use', () => {
    const built = build(`<tls:context name="empty"/><tls:context><tls:trust-store path="ca.pem"/></tls:context>`);
    expect(built.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      'error: <tls:context> needs a <tls:key-store> or a <tls:trust-store>',
      'warning: a global <tls:context> without a name cannot be used',
    ]);
  });

  it('gives equal digests to equal settings, so a reload that changes nothing keeps the secure context', () => {
    const one = build(listener('').replace('/>', '><tls:context><tls:key-store path="server.p12" password="pw"/></tls:context></http:listener-connection>'));
    const two = build(listener('').replace('/>', '><tls:context><tls:key-store path="server.p12" password="pw"/></tls:context></http:listener-connection>'));
    const digest = (b: typeof one) => (b.app!.configs.get('listener') as ListenerConfig).tls!.digest;
    expect(digest(one)).toBe(digest(two));
    const strict = build(
      listener('').replace(
        '/>',
        '><tls:context enabledProtocols="TLSv1.3"><tls:key-store path="server.p12" password="pw"/></tls:context></http:listener-connection>',
      ),
    );
    expect(digest(strict)).not.toBe(digest(one));
  });
});

describe('cipher suite names', () => {
  it('maps every IANA name to an OpenSSL name Node.js knows', () => {
    const known = new Set(getCiphers().map((c) => c.toUpperCase()));
    expect(Object.values(CIPHER_SUITES).filter((name) => !known.has(name.toUpperCase()))).toEqual([]);
  });
});
