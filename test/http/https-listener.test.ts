import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { start } from '../helpers/app.js';
import { answer, bytes, eventually, handshake, httpsApp, httpsGet, httpsUrl } from '../helpers/https.js';
import { TestPki } from '../helpers/tls.js';

let pki: TestPki;
let app: TestApp | undefined;
beforeAll(() => {
  pki = new TestPki();
});
afterAll(() => pki.close());
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const ATTRIBUTES = `<set-payload value="#[{ 'scheme': attributes.scheme, 'cert': attributes.clientCertificate }]"/>`;
const echo = `<flow name="f"><http:listener config-ref="listener" path="/a"/>${ATTRIBUTES}</flow>`;

describe('HTTPS listener', () => {
  it('serves HTTPS from a PKCS#12 key store, with scheme "https" and no client certificate', async () => {
    const server = pki.server();
    app = await start(
      httpsApp(
        `<tls:context><tls:key-store type="pkcs12" path="server.p12" password="s3cret" keyPassword="s3cret" alias="flowrt" algorithm="SunX509"/></tls:context>`,
        echo,
      ),
      { extraFiles: { 'server.p12': bytes(pki.pkcs12(server, 's3cret')) } },
    );
    expect(await httpsGet(httpsUrl(app, '/a'), { ca: pki.ca.cert })).toBe('200 {"scheme":"https","cert":null}');
  });

  it('serves HTTPS from a PEM key store (key and chain in one file, the key encrypted)', async () => {
    const server = pki.server('pem-server', { keyPassword: 'kp' });
    app = await start(httpsApp(`<tls:context><tls:key-store type="pem" path="certs/server.pem" keyPassword="kp"/></tls:context>`, answer('/a', 'pem')), {
      extraFiles: { 'certs/server.pem': `${server.pem}${pki.ca.cert}` },
    });
    expect(await httpsGet(httpsUrl(app, '/a'), { ca: pki.ca.cert })).toBe('200 pem');
    // The chain is served: a client trusting only the CA verifies the host name too.
    const socket = await handshake(app.running.portOf('listener')!, { ca: pki.ca.cert });
    expect(typeof socket).toBe('object');
    if (typeof socket === 'object') {
      expect(socket.getPeerX509Certificate()?.subject).toBe('CN=localhost');
      socket.destroy();
    }
  });

  it('reads a key store given by an absolute path, the type told by its content', async () => {
    const p12 = `${pki.dir}/absolute.p12`;
    writeFileSync(p12, pki.pkcs12(pki.server(), 'pw'));
    app = await start(httpsApp(`<tls:context><tls:key-store path="${p12}" password="pw"/></tls:context>`, answer('/a', 'abs')));
    expect(await httpsGet(httpsUrl(app, '/a'), { ca: pki.ca.cert })).toBe('200 abs');
  });

  it('refuses plain HTTP sent to the HTTPS port, with one warning however often it comes', async () => {
    app = await start(httpsApp(`<tls:context><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'ok')), {
      extraFiles: { 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')) },
    });
    const port = app.running.portOf('listener')!;
    const plain = () =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n'));
        let got = '';
        socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
        socket.on('close', () => resolve(got));
        socket.on('error', () => undefined);
      });
    for (let i = 0; i < 5; i++) expect(await plain()).not.toContain('ok');
    await eventually(() => app!.logs.some((l) => String(l.msg).includes('plain HTTP was sent to an HTTPS listener')));
    expect(app.logs.filter((l) => String(l.msg).startsWith('TLS handshake refused: plain HTTP')).length).toBe(1);
    // The server goes on serving.
    expect(await httpsGet(httpsUrl(app, '/a'), { ca: pki.ca.cert })).toBe('200 ok');
  });

  it('honours enabledProtocols: a TLS 1.2-only client is refused when only TLS 1.3 is enabled', async () => {
    app = await start(httpsApp(`<tls:context enabledProtocols="TLSv1.3"><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'ok')), {
      extraFiles: { 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')) },
    });
    const url = httpsUrl(app, '/a');
    expect(await httpsGet(url, { ca: pki.ca.cert, maxVersion: 'TLSv1.2' })).toMatch(/^ERR /);
    expect(await httpsGet(url, { ca: pki.ca.cert, minVersion: 'TLSv1.3' })).toBe('200 ok');
    await eventually(() => app!.logs.some((l) => String(l.msg).includes('no TLS version this listener enables')));
  });

  it('honours enabledCipherSuites given by their IANA names, as Java has them', async () => {
    app = await start(
      httpsApp(
        `<tls:context enabledProtocols="TLSv1.2" enabledCipherSuites="TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"><tls:key-store path="server.p12" password="pw"/></tls:context>`,
        answer('/a', 'ok'),
      ),
      { extraFiles: { 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')) } },
    );
    const port = app.running.portOf('listener')!;
    const agreed = await handshake(port, { ca: pki.ca.cert });
    expect(typeof agreed === 'object' && agreed.getCipher().standardName).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    if (typeof agreed === 'object') agreed.destroy();
    expect(await handshake(port, { ca: pki.ca.cert, ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' })).toMatch(/HANDSHAKE_FAILURE/);
  });
});

describe('listener configs sharing an address', () => {
  it('must agree on TLS: one socket cannot be HTTP and HTTPS', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const files = httpsApp(`<tls:context><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'secure'))
      .replace('port="0"', `port="${port}"`)
      .replace(
        '</mule>',
        `<http:listener-config name="plain"><http:listener-connection host="127.0.0.1" port="${port}"/></http:listener-config>
        <flow name="p"><http:listener config-ref="plain" path="/p"/><set-payload value="plain"/></flow></mule>`,
      );
    await expect(start(files, { extraFiles: { 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')) } })).rejects.toThrow(
      /"listener" and "plain" share 127\.0\.0\.1:\d+ but not their protocol and TLS settings/,
    );
  });
});
