import { unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { DevLoop } from '../../src/deploy/dev-loop.js';
import { devLoop } from '../../src/deploy/dev-loop.js';
import { createLogger } from '../../src/deploy/logger.js';
import type { ReloadOutcome } from '../../src/deploy/start-runtime.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { steadyTraffic } from '../helpers/traffic.js';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';

const hello = (text: string) => `<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="${text}"/></flow>`;
const other = (text: string) => `<flow name="other"><http:listener config-ref="listener" path="/other"/><set-payload value="${text}"/></flow>`;

let app: TestApp | undefined;
let loop: DevLoop | undefined;
let slow: Upstream | undefined;
afterEach(async () => {
  loop?.close();
  await app?.stop();
  await slow?.close();
  app = loop = slow = undefined;
});

/** Runs `files` under the dev loop; `edit` writes a file and resolves with the reload it caused. */
async function dev(files: Record<string, string>) {
  app = await start(files);
  const outcomes: Array<{ outcome: ReloadOutcome; changed: readonly string[] }> = [];
  const waiting: Array<() => void> = [];
  loop = devLoop({
    dir: app.dir,
    reload: () => app!.runtime.reload(),
    log: createLogger('silent'),
    onReload: (outcome, changed) => {
      outcomes.push({ outcome, changed });
      waiting.shift()?.();
    },
  });
  const dir = app.dir;
  // fs.watch needs a moment to be armed before the first write.
  await sleep(50);
  const next = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reload within 5 s')), 5000);
      waiting.push(() => (clearTimeout(timer), resolve()));
    });
  return {
    outcomes,
    async edit(path: string, text: string | undefined) {
      const reloaded = next();
      if (text === undefined) await unlink(join(dir, path));
      else await writeFile(join(dir, path), text);
      await reloaded;
      return outcomes[outcomes.length - 1];
    },
  };
}

const get = async (url: string) => {
  const res = await fetch(url);
  return `${res.status} ${await res.text()}`;
};

describe('flowrt dev: hot reload', () => {
  it('serves an edit promptly, without a failed request under steady traffic', async () => {
    const d = await dev({ 'flows/app.xml': mule(hello('v0') + other('same')) });
    const traffic = steadyTraffic(() => app!.url('/hello'), 6);
    for (let v = 1; v <= 5; v++) {
      await sleep(100);
      const started = Date.now();
      const { outcome, changed } = await d.edit('flows/app.xml', mule(hello(`v${v}`) + other('same')));
      expect(Date.now() - started).toBeLessThan(5_000); // generous: a busy machine is slow, a stuck reload never ends
      expect(outcome.ok).toBe(true);
      expect(changed).toEqual([join('flows', 'app.xml')]);
      // Only the flow that changed is replaced; its neighbour keeps running as it was.
      if (outcome.ok) expect(outcome.replaced).toEqual(['hello']);
      expect(await get(app!.url('/hello'))).toBe(`200 v${v}`);
    }
    await sleep(100);
    const report = await traffic.stop();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBeGreaterThan(50);
    expect(report.bodies).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('finishes a request in flight on the version it started on', async () => {
    slow = await upstream(async (_req, res) => {
      await sleep(600);
      res.end('upstream');
    });
    const flow = (tag: string) =>
      mule(
        `
      <http:request-config name="up"><http:request-connection host="127.0.0.1" port="${slow!.port}"/></http:request-config>
      <flow name="slow"><http:listener config-ref="listener" path="/slow"/>
        <http:request config-ref="up" method="GET" path="/"/>
        <set-payload value="#['${tag} ' ++ payload]"/></flow>`.replace('++', '&amp;'),
      );
    const d = await dev({ 'flows/app.xml': flow('old') });
    const inFlight = get(app!.url('/slow'));
    await sleep(100);
    const { outcome } = await d.edit('flows/app.xml', flow('new'));
    expect(outcome.ok).toBe(true);
    expect(await inFlight).toBe('200 old upstream');
    expect(await get(app!.url('/slow'))).toBe('200 new upstream');
  });

  it('keeps the last good version serving after a broken edit, with the problem located', async () => {
    const d = await dev({ 'flows/app.xml': mule(hello('good')) });
    const broken = mule(hello('bad')).replace('<set-payload', '<set-payload\n   ').replace('</flow>', '');
    const { outcome } = await d.edit('flows/app.xml', broken);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      const located = outcome.diagnostics.find((x) => x.severity === 'error')!;
      expect(located.loc).toMatchObject({ file: expect.stringContaining('app.xml'), line: expect.any(Number), col: expect.any(Number) });
      expect(outcome.texts.size).toBeGreaterThan(0);
    }
    expect(await get(app!.url('/hello'))).toBe('200 good');
    // An unknown element is caught by validation, not only by the XML parser.
    const invalid = await d.edit('flows/app.xml', mule(hello('bad').replace('<set-payload', '<set-paylod')));
    expect(invalid.outcome.ok).toBe(false);
    expect(await get(app!.url('/hello'))).toBe('200 good');
    const fixed = await d.edit('flows/app.xml', mule(hello('fixed')));
    expect(fixed.outcome.ok).toBe(true);
    expect(await get(app!.url('/hello'))).toBe('200 fixed');
  });

  it('picks up added and deleted flow files', async () => {
    const d = await dev({ 'flows/app.xml': mule(hello('hi')) });
    const extra = `<?xml version="1.0"?><mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:http="http://www.mulesoft.org/schema/mule/http">${other('extra')}</mule>`;
    const added = await d.edit('flows/extra.xml', extra);
    expect(added.outcome.ok && added.outcome.replaced).toEqual(['other']);
    expect(await get(app!.url('/other'))).toBe('200 extra');
    const removed = await d.edit('flows/extra.xml', undefined);
    expect(removed.outcome.ok && removed.outcome.replaced).toEqual(['-other']);
    expect(await get(app!.url('/other'))).toMatch(/^404 /);
    expect(await get(app!.url('/hello'))).toBe('200 hi');
  });

  it('reloads every flow when a property file changes, and rebinds a changed port', async () => {
    const port = await freePort();
    const files = {
      'config.yaml': 'greeting: one\n',
      'flows/app.xml': mule(`<http:listener-config name="moved"><http:listener-connection host="127.0.0.1" port="\${moved.port}"/></http:listener-config>
        <flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="\${greeting}"/></flow>
        <flow name="m"><http:listener config-ref="moved" path="/m"/><set-payload value="moved"/></flow>`),
    };
    const d = await dev({ ...files, 'config.yaml': 'greeting: one\nmoved.port: "0"\n' });
    const before = app!.url('/m', 'moved');
    const props = await d.edit('config.yaml', `greeting: two\nmoved.port: "${port}"\n`);
    expect(props.outcome.ok && [...props.outcome.replaced].sort()).toEqual(['hello', 'm']);
    expect(await get(app!.url('/hello'))).toBe('200 two');
    expect(app!.url('/m', 'moved')).toBe(`http://127.0.0.1:${port}/m`);
    expect(await get(`http://127.0.0.1:${port}/m`)).toBe('200 moved');
    await expect(fetch(before)).rejects.toThrow();
  });

  it('keeps serving when a reload cannot bind its new port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const d = await dev({ 'flows/app.xml': mule(hello('kept')) });
      const moved = mule(hello('never')).replace('port="0"', `port="${taken}"`);
      const { outcome } = await d.edit('flows/app.xml', moved);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.diagnostics[0].message).toMatch(/already in use.*last good version keeps serving/);
      expect(await get(app!.url('/hello'))).toBe('200 kept');
    } finally {
      blocker.close();
    }
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('flowrt dev: the OAuth provider across reloads', () => {
  it('keeps issued tokens valid when flows or the provider itself change (memory stores outlive reloads)', async () => {
    const provider = (ttl: string) => `
      <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
        <oauth2-provider:token-config tokenTtl="${ttl}"/>
        <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="svc-secret-0123456789" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
      </oauth2-provider:config>`;
    const me = (text: string) =>
      `<flow name="me"><http:listener config-ref="listener" path="/me"/><oauth2-provider:validate-token config-ref="oauth"/><set-payload value="${text}"/></flow>`;
    const d = await dev({ 'flows/app.xml': mule(provider('3600') + me('one')) });
    const res = await fetch(app!.url('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=svc&client_secret=svc-secret-0123456789',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const call = async () => get2(app!.url('/me'), access_token);

    const flowEdit = await d.edit('flows/app.xml', mule(provider('3600') + me('two')));
    expect(flowEdit.outcome.ok && flowEdit.outcome.replaced).toEqual(['me']);
    expect(await call()).toBe('200 two');
    const providerEdit = await d.edit('flows/app.xml', mule(provider('7200') + me('three')));
    expect(providerEdit.outcome.ok).toBe(true);
    expect(await call()).toBe('200 three');
  });
});

async function get2(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return `${res.status} ${await res.text()}`;
}
