import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { mule, writeApp } from '../helpers/app.js';

const SECRET = 'svc-secret-0123456789abcdef';
/** A configured client may have an id of any length: configuration is not request data. */
const LONG_ID = `configured-${'c'.repeat(300)}`;
const SPA_CB = 'https://spa.example/cb';
const APP = `bounds-${randomUUID().slice(0, 8)}`;
const SCOPE = `${APP}:oauth2:oauth:`;

const flows = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS AUTHORIZATION_CODE"
      scopes="READ" resourceOwnerSecurityProvider="sign-in">
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/>
      <oauth2-provider:client clientId="${LONG_ID}" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/>
      <oauth2-provider:client clientId="spa" type="PUBLIC" redirectUris="${SPA_CB}" authorizedGrantTypes="AUTHORIZATION_CODE"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="sign-in"><set-payload value="false"/></flow>`);

let stores: MemoryStoreFactory;
let runtime: Runtime;
let dir: string;
beforeAll(async () => {
  stores = new MemoryStoreFactory();
  dir = await writeApp({ 'flows/app.xml': flows, 'flowrt-app.json': JSON.stringify({ name: APP }) });
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, stores });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  runtime = started.runtime;
});
afterAll(async () => {
  await runtime?.stop();
  await stores?.close();
  await rm(dir, { recursive: true, force: true });
});

const url = (path: string) => `http://127.0.0.1:${runtime.running.portOf('listener')}${path}`;
const form = (path: string, body: string) =>
  fetch(url(path), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const usage = () => stores.usage(SCOPE);

/** Runs `count` requests, `parallel` at a time; each answer goes to `check`. */
async function flood(count: number, parallel: number, send: (i: number) => Promise<Response>, check: (res: Response) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await check(await send(next++));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

const refusedAsInvalidClient = async (res: Response) => {
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
};

describe('what requests may make the provider keep (limits.ts)', () => {
  it('keeps nothing of 3,000 token requests with 60 KB client ids: refused before any store is asked', async () => {
    const before = usage();
    const huge = (i: number) => `${i}-${'x'.repeat(60 * 1024)}`;
    await flood(3_000, 16, (i) => form('/token', `grant_type=client_credentials&client_id=${huge(i)}&client_secret=guess`), refusedAsInvalidClient);
    expect(usage()).toEqual(before);
  }, 120_000);

  it('says why a client_id longer than 256 characters is refused', async () => {
    const res = await form('/token', `grant_type=client_credentials&client_id=${'a'.repeat(257)}&client_secret=guess`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed: client_id is longer than 256 characters' });
  });

  it('counts failures of distinct ids under keys of one fixed length, whatever the id', async () => {
    const before = usage();
    await flood(
      500,
      16,
      (i) => form('/token', `grant_type=client_credentials&client_id=${String(i).padStart(256, 'z')}&client_secret=guess`),
      refusedAsInvalidClient,
    );
    const after = usage();
    expect(after.entries - before.entries).toBe(500);
    // `fail:` and a SHA-256 in hex (69 characters), and a count of "1".
    expect(after.chars - before.chars).toBe(500 * (69 + 1));
  }, 60_000);

  it('still locks a client out after too many failures, counted under its digest', async () => {
    for (let i = 0; i < 5; i++) await refusedAsInvalidClient(await form('/token', `grant_type=client_credentials&client_id=svc&client_secret=wrong`));
    const locked = await form('/token', `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}`);
    expect(await locked.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('too many failed attempts') });
  });

  it('authenticates a configured client whose id is longer than the limit', async () => {
    const res = await form('/token', `grant_type=client_credentials&client_id=${LONG_ID}&client_secret=${SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: 'Bearer' });
  });

  it('keeps nothing of introspection and revocation requests for huge tokens', async () => {
    const auth = `client_id=${LONG_ID}&client_secret=${SECRET}`;
    const before = usage();
    for (let i = 0; i < 50; i++) {
      const token = `${i}${'t'.repeat(60 * 1024)}`;
      expect(await (await form('/introspect', `${auth}&token=${token}`)).json()).toEqual({ active: false });
      expect((await form('/revoke', `${auth}&token=${token}`)).status).toBe(200);
    }
    expect(usage()).toEqual(before);
  });

  describe('authorization requests', () => {
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const authorize = (extra: Record<string, string>) =>
      fetch(
        `${url('/authorize')}?${new URLSearchParams({ response_type: 'code', client_id: 'spa', code_challenge: challenge, code_challenge_method: 'S256', ...extra })}`,
        { redirect: 'manual' },
      );
    const backAt = (res: Response): URLSearchParams => {
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(location.startsWith(`${SPA_CB}?`)).toBe(true);
      return new URL(location).searchParams;
    };

    it('keeps a state of up to 4,096 characters with the pending request', async () => {
      const before = usage();
      const res = await authorize({ state: 's'.repeat(4_096) });
      expect(res.status).toBe(200);
      expect(usage().entries).toBe(before.entries + 1);
    });

    it('sends a longer state back as invalid_request, without it, and keeps nothing', async () => {
      const before = usage();
      const back = backAt(await authorize({ state: 's'.repeat(4_097) }));
      expect(back.get('error')).toBe('invalid_request');
      expect(back.get('error_description')).toBe('state is longer than 4096 characters');
      expect(back.has('state')).toBe(false);
      expect(usage()).toEqual(before);
    });

    it('sends a resource longer than 2,000 characters back as invalid_target, and keeps nothing', async () => {
      const before = usage();
      const back = backAt(await authorize({ state: 'st', resource: `https://api.example/${'r'.repeat(2_000)}` }));
      expect(back.get('error')).toBe('invalid_target');
      expect(back.get('state')).toBe('st');
      expect(usage()).toEqual(before);
    });

    it('refuses a client_id longer than 256 characters on a page, without echoing it', async () => {
      const id = 'i'.repeat(10_000);
      const res = await fetch(`${url('/authorize')}?response_type=code&client_id=${id}`, { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const body = (await res.json()) as { error: string; error_description: string };
      expect(body).toEqual({ error: 'invalid_client', error_description: 'client_id is longer than 256 characters: no client has such an id' });
    });
  });
});
