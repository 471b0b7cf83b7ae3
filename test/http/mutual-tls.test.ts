import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { start } from '../helpers/app.js';
import { bytes, eventually, handshake, httpsApp, httpsGet, httpsUrl } from '../helpers/https.js';
import type { Identity } from '../helpers/tls.js';
import { TestPki } from '../helpers/tls.js';

let pki: TestPki;
let app: TestApp | undefined;
let client: Identity;
beforeAll(() => {
  pki = new TestPki();
  client = pki.client('orders-app');
});
afterAll(() => pki.close());
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const echo = `<flow name="f"><http:listener config-ref="listener" path="/whoami"/><set-payload value="#[attributes.clientCertificate]"/></flow>`;

/** An mTLS listener: its trust store is the test CA. */
async function mtls(trustStore = `<tls:trust-store path="clients-ca.pem"/>`): Promise<TestApp> {
  return start(httpsApp(`<tls:context>${trustStore}<tls:key-store path="server.p12" password="pw"/></tls:context>`, echo), {
    extraFiles: { 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')), 'clients-ca.pem': pki.ca.cert },
  });
}

const refusals = (a: TestApp) => a.logs.filter((l) => String(l.msg).startsWith('TLS handshake refused'));

describe('mutual TLS on an HTTPS listener', () => {
  it('accepts a client certificate the trust store vouches for, and shows it as attributes.clientCertificate', async () => {
    app = await mtls();
    const res = await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert, key: client.key, cert: client.cert });
    expect(res.slice(0, 4)).toBe('200 ');
    const cert = JSON.parse(res.slice(4)) as Record<string, unknown>;
    const x509 = new X509Certificate(client.cert);
    expect(cert).toMatchObject({
      type: 'X.509',
      version: 3,
      subjectDN: { name: 'CN=orders-app, OU=Payments, O=Acme', commonName: 'orders-app', organization: 'Acme', organizationalUnit: 'Payments', country: null },
      issuerDN: { name: 'CN=Test CA, O=flowrt tests', commonName: 'Test CA' },
      subjectX500Principal: { name: 'CN=orders-app,OU=Payments,O=Acme' },
      serialNumber: BigInt(`0x${x509.serialNumber}`).toString(),
      notBefore: new Date(x509.validFrom).toISOString(),
      notAfter: new Date(x509.validTo).toISOString(),
      sigAlgName: 'SHA256withECDSA',
      sigAlgOID: '1.2.840.10045.4.3.2',
      publicKey: { algorithm: 'EC', format: 'X.509' },
      extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'],
      encoded: x509.raw.toString('base64'),
      sha256Fingerprint: x509.fingerprint256,
      sha1Fingerprint: x509.fingerprint,
    });
    expect(cert.pem).toBe(x509.toString());
  });

  it('refuses a client without a certificate in the handshake, and logs why', async () => {
    app = await mtls();
    expect(await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert })).toMatch(/^ERR /);
    await eventually(() => refusals(app!).some((l) => String(l.msg).includes('the client sent no certificate')));
  });

  it('refuses a certificate the trust store does not vouch for', async () => {
    app = await mtls();
    const stranger = pki.client('stranger', { selfSigned: true });
    expect(await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert, key: stranger.key, cert: stranger.cert })).toMatch(/^ERR /);
    await eventually(() => refusals(app!).some((l) => String(l.msg).includes('self-signed and not in the trust store')));
  });

  it('refuses an expired certificate from a trusted CA', async () => {
    app = await mtls();
    const expired = pki.client('expired', { startDate: '20200101000000Z', endDate: '20200201000000Z' });
    expect(await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert, key: expired.key, cert: expired.cert })).toMatch(/^ERR /);
    await eventually(() => refusals(app!).some((l) => l.reason === 'CERT_HAS_EXPIRED' && String(l.msg).includes('has expired')));
    // Refused connections never reach a flow; a good client is still served.
    expect((await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert, key: client.key, cert: client.cert })).slice(0, 4)).toBe('200 ');
  });

  it('with insecure="true" takes any certificate, but still requires one (Mule: needClientAuth with a trust-all manager)', async () => {
    app = await mtls(`<tls:trust-store path="clients-ca.pem" insecure="true"/>`);
    expect(app.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('any client certificate is accepted'))).toBe(true);
    const stranger = pki.client('stranger', { selfSigned: true });
    const res = await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert, key: stranger.key, cert: stranger.cert });
    expect(JSON.parse(res.slice(4))).toMatchObject({ subjectDN: { commonName: 'stranger' } });
    expect(await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert })).toMatch(/^ERR /);
    await eventually(() => refusals(app!).some((l) => l.reason === 'no-certificate'));
  });

  it('asks for no client certificate when the trust store names no file', async () => {
    app = await mtls(`<tls:trust-store insecure="true"/>`);
    // A null payload answers an empty body.
    expect(await httpsGet(httpsUrl(app, '/whoami'), { ca: pki.ca.cert })).toBe('200 ');
    const socket = await handshake(app.running.portOf('listener')!, { ca: pki.ca.cert, key: client.key, cert: client.cert });
    expect(typeof socket === 'object' && socket.getPeerX509Certificate()?.subject).toBe('CN=localhost');
    if (typeof socket === 'object') socket.destroy();
  });
});
