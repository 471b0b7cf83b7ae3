import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { mule, writeApp } from '../helpers/app.js';

const SECRET = 'svc-secret-0123456789abcdef';
const app = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="me"><http:listener config-ref="listener" path="/me"/><oauth2-provider:validate-token config-ref="oauth"/></flow>`);

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function run(dir: string, redis?: string): Promise<Runtime> {
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, redis });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  return started.runtime;
}
const url = (rt: Runtime, path: string) => `http://127.0.0.1:${rt.running.portOf('listener')}${path}`;
const token = async (rt: Runtime) => {
  const res = await fetch(url(rt, '/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}`,
  });
  return ((await res.json()) as { access_token: string }).access_token;
};

describe('oauth2-provider stores across restarts', () => {
  it('on Redis, a token issued before a restart is valid after it, and a revocation on one node holds on another', async () => {
    const dir = await writeApp({ 'flows/app.xml': app, 'flowrt-app.json': JSON.stringify({ name: `restart-${randomUUID().slice(0, 8)}` }) });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await run(dir, 'redis://127.0.0.1:6379');
    const issued = await token(first);
    await first.stop();

    const second = await run(dir, 'redis://127.0.0.1:6379');
    const third = await run(dir, 'redis://127.0.0.1:6379');
    cleanup.push(
      () => second.stop(),
      () => third.stop(),
    );
    expect((await fetch(url(second, '/me'), { headers: { authorization: `Bearer ${issued}` } })).status).toBe(200);
    const revoke = await fetch(url(second, '/revoke'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${issued}&client_id=svc&client_secret=${SECRET}`,
    });
    expect(revoke.status).toBe(200);
    expect((await fetch(url(third, '/me'), { headers: { authorization: `Bearer ${issued}` } })).status).toBe(500);
  });

  it('takes Redis from flowrt.redis.url in config.yaml when no --redis is given', async () => {
    const dir = await writeApp({
      'flows/app.xml': app,
      'flowrt-app.json': JSON.stringify({ name: `config-redis-${randomUUID().slice(0, 8)}` }),
      'config.yaml': 'flowrt:\n  redis:\n    url: "redis://127.0.0.1:6379"\n',
    });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await run(dir);
    const issued = await token(first);
    await first.stop();
    const second = await run(dir);
    cleanup.push(() => second.stop());
    expect((await fetch(url(second, '/me'), { headers: { authorization: `Bearer ${issued}` } })).status).toBe(200);
  });

  it('in memory, a restart forgets the tokens', async () => {
    const dir = await writeApp({ 'flows/app.xml': app });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await run(dir);
    const issued = await token(first);
    await first.stop();
    const second = await run(dir);
    cleanup.push(() => second.stop());
    expect((await fetch(url(second, '/me'), { headers: { authorization: `Bearer ${issued}` } })).status).toBe(500);
  });

  it('refuses to start when Redis cannot be reached, naming it without the password', async () => {
    const dir = await writeApp({ 'flows/app.xml': app });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const refused = (await run(dir, 'redis://:hunter2@127.0.0.1:1').catch((e: unknown) => e)) as Error;
    expect(refused.message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(refused.message).not.toContain('hunter2');
  });
});
