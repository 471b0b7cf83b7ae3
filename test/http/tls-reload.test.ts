import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DevLoop } from '../../src/deploy/dev-loop.js';
import { devLoop } from '../../src/deploy/dev-loop.js';
import { createLogger } from '../../src/deploy/logger.js';
import type { ReloadOutcome } from '../../src/deploy/start-runtime.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { answer, bytes, httpsApp, httpsGet } from '../helpers/https.js';
import { TestPki } from '../helpers/tls.js';

let pki: TestPki;
let app: TestApp | undefined;
let loop: DevLoop | undefined;
const agents: Agent[] = [];
beforeAll(() => {
  pki = new TestPki();
});
afterAll(() => pki.close());
afterEach(async () => {
  agents.splice(0).forEach((a) => a.destroy());
  loop?.close();
  await app?.stop();
  app = loop = undefined;
});

/** Runs `files` under the dev loop; `edit` writes a file and resolves with the reload it caused. */
async function dev(files: Record<string, string>) {
  app = await start(files);
  const waiting: Array<(o: ReloadOutcome) => void> = [];
  loop = devLoop({ dir: app.dir, reload: () => app!.runtime.reload(), log: createLogger('silent'), onReload: (outcome) => waiting.shift()?.(outcome) });
  // fs.watch needs a moment to be armed before the first write.
  await sleep(50);
  const dir = app.dir;
  return async (path: string, content: string | Buffer): Promise<ReloadOutcome> => {
    const reloaded = new Promise<ReloadOutcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reload within 5 s')), 5000);
      waiting.push((o) => (clearTimeout(timer), resolve(o)));
    });
    await writeFile(join(dir, path), content);
    return reloaded;
  };
}

/** A GET on a keep-alive agent; resolves with the body and the TLS socket it came over. */
function get(agent: Agent, port: number, path: string): Promise<{ body: string; socket: TLSSocket }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, servername: 'localhost' }, (res: IncomingMessage) => {
      // Read now: the agent takes the socket back once the response ended.
      const socket = res.socket as TLSSocket;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ body, socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

const keepAlive = (): Agent => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: pki.ca.cert });
  agents.push(agent);
  return agent;
};

const fingerprint = (socket: TLSSocket) => socket.getPeerX509Certificate()!.fingerprint256;

/** A port free right now, for configs that must keep their address across reloads. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('TLS on reload', () => {
  it('serves a renewed certificate to new connections while a keep-alive connection stays open', async () => {
    const before = pki.server('before');
    const after = pki.server('after');
    const edit = await dev({
      'flows/app.xml': httpsApp(`<tls:context><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'ok')),
      'server.p12': bytes(pki.pkcs12(before, 'pw')),
    });
    const port = app!.running.portOf('listener')!;
    const agent = keepAlive();
    const first = await get(agent, port, '/a');
    expect(first.body).toBe('ok');
    expect(fingerprint(first.socket)).toBe(new X509Certificate(before.cert).fingerprint256);

    const outcome = await edit('server.p12', pki.pkcs12(after, 'pw'));
    expect(outcome.ok).toBe(true);
    expect(app!.running.portOf('listener')).toBe(port);

    // The open connection is the same one, still served, with the certificate it was opened with.
    const again = await get(agent, port, '/a');
    expect(again.body).toBe('ok');
    expect(again.socket).toBe(first.socket);
    expect(first.socket.destroyed).toBe(false);
    // A new connection gets the new certificate.
    const fresh = await get(keepAlive(), port, '/a');
    expect(fingerprint(fresh.socket)).toBe(new X509Certificate(after.cert).fingerprint256);
  });

  it('keeps the last good certificate serving when the new key store does not load', async () => {
    const edit = await dev({
      'flows/app.xml': httpsApp(`<tls:context><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'ok')),
      'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')),
    });
    const outcome = await edit('server.p12', pki.pkcs12(pki.server(), 'another password'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.diagnostics.map((d) => d.message)).toContain('wrong password for key store "server.p12"');
    expect(await httpsGet(app!.url('/a').replace('http:', 'https:'), { ca: pki.ca.cert })).toBe('200 ok');
  });

  it('moves a fixed port from HTTP to HTTPS and back with a new server on the same address', async () => {
    const port = await freePort();
    const http = mule(answer('/a', 'plain'), { listener: false }).replace(
      '</mule>',
      `<http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="${port}"/></http:listener-config></mule>`,
    );
    const https = httpsApp(`<tls:context><tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'secure')).replace(
      'port="0"',
      `port="${port}"`,
    );
    const edit = await dev({ 'flows/app.xml': http, 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')) });
    expect(await (await fetch(`http://127.0.0.1:${port}/a`)).text()).toBe('plain');

    expect((await edit('flows/app.xml', https)).ok).toBe(true);
    expect(await httpsGet(`https://127.0.0.1:${port}/a`, { ca: pki.ca.cert })).toBe('200 secure');
    await expect(fetch(`http://127.0.0.1:${port}/a`)).rejects.toThrow();

    expect((await edit('flows/app.xml', http)).ok).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/a`)).text()).toBe('plain');
  });

  it('starts asking for client certificates when a trust store is added (a new server: Node fixes that at creation)', async () => {
    const tls = (trust: string) => httpsApp(`<tls:context>${trust}<tls:key-store path="server.p12" password="pw"/></tls:context>`, answer('/a', 'ok'));
    const client = pki.client();
    const edit = await dev({ 'flows/app.xml': tls(''), 'server.p12': bytes(pki.pkcs12(pki.server(), 'pw')), 'ca.pem': pki.ca.cert });
    const url = () => app!.url('/a').replace('http:', 'https:');
    expect(await httpsGet(url(), { ca: pki.ca.cert })).toBe('200 ok');
    expect((await edit('flows/app.xml', tls('<tls:trust-store path="ca.pem"/>'))).ok).toBe(true);
    expect(await httpsGet(url(), { ca: pki.ca.cert })).toMatch(/^ERR /);
    expect(await httpsGet(url(), { ca: pki.ca.cert, key: client.key, cert: client.cert })).toBe('200 ok');
  });
});
