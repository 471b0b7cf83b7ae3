import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { redirectTarget } from '../../src/oauth2/redirect-target.js';
import type { Client } from '../../src/oauth2/settings.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { mule, writeApp } from '../helpers/app.js';

const client = (...redirectUris: string[]): Client => ({ clientId: 'c', type: 'PUBLIC', redirectUris, grantTypes: ['authorization_code'], scopes: [] });

describe('redirectTarget', () => {
  it('is the registered URI asked for, exactly, or the only one when none is asked for', () => {
    expect(redirectTarget(client('https://a.example/cb', 'https://a.example/other'), 'https://a.example/other')).toEqual({
      uri: 'https://a.example/other',
      given: true,
    });
    expect(redirectTarget(client('https://a.example/cb'), null)).toEqual({ uri: 'https://a.example/cb', given: false });
    expect(redirectTarget(client('https://a.example/cb'), 'https://a.example/cb/')).toMatch(/compared exactly/);
    expect(redirectTarget(client('https://a.example/cb', 'https://a.example/other'), null)).toMatch(/redirect_uri is required/);
  });

  it('is never a registered URI that the redirect URI rule refuses', () => {
    expect(redirectTarget(client('javascript:alert(1)'), null)).toMatch(/does not redirect to it/);
    expect(redirectTarget(client('data:text/html,x'), 'data:text/html,x')).toMatch(/data: scheme/);
  });
});

/** Clients a provider stored before its redirect URI rule, as a store written by an older version holds them. */
describe('the authorization endpoint and clients stored before the rule', () => {
  const APP = `legacy-${randomUUID().slice(0, 8)}`;
  const stores = new MemoryStoreFactory();
  let runtime: Runtime;
  let dir: string;
  beforeAll(async () => {
    dir = await writeApp({
      'flowrt-app.json': JSON.stringify({ name: APP }),
      'flows/app.xml': mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="AUTHORIZATION_CODE" scopes="READ" resourceOwnerSecurityProvider="sign-in"/>
  <flow name="sign-in"><set-payload value="false"/></flow>`),
    });
    const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, stores });
    if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
    runtime = started.runtime;
    const clients = stores.open(`${APP}:oauth2:oauth:clients`);
    for (const [id, uri] of [
      ['js', 'javascript:alert(document.cookie)'],
      ['data', 'data:text/html,<script>alert(1)</script>'],
      ['plain-http', 'http://app.example/cb'],
    ]) {
      await clients.set(`client:${id}`, JSON.stringify({ ...client(uri), clientId: id }));
    }
  });
  afterAll(async () => {
    await runtime?.stop();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['js', 'data', 'plain-http'])('never sends a Location to the refused URI of stored client %s', async (id) => {
    const asked = new URLSearchParams({ response_type: 'code', client_id: id, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const res = await fetch(`http://127.0.0.1:${runtime.running.portOf('listener')}/authorize?${asked}`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('does not redirect to it') });
  });
});
