import { afterAll, describe, expect, it } from 'vitest';
import { ClientRegistry } from '../../src/oauth2/clients.js';
import type { OAuthRequest } from '../../src/oauth2/request.js';
import { digest } from '../../src/oauth2/secrets.js';
import type { ProviderSettings } from '../../src/oauth2/settings.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';

const SECRET = 'svc-secret-0123456789abcdef';
const settings = {
  rateLimit: { maxFailures: 5, periodMs: 600_000 },
  clients: [{ clientId: 'svc', secretHash: digest(SECRET), type: 'CONFIDENTIAL', redirectUris: [], grantTypes: ['client_credentials'], scopes: ['READ'] }],
} as unknown as ProviderSettings; // only what authenticate reads
const stores = new MemoryStoreFactory();
afterAll(() => stores.close());

const registry = () => new ClientRegistry(settings, stores.open('clients'), stores.open('failures'));
const requestWith = (authorization: string | undefined): OAuthRequest => ({
  method: 'POST',
  headers: { authorization },
  query: new URLSearchParams(),
  body: Buffer.alloc(0),
  issuer: 'http://issuer',
});
const body = new URLSearchParams({ client_id: 'svc', client_secret: SECRET });

describe('ClientRegistry.authenticate', () => {
  it('authenticates by the body when no Authorization header is sent', async () => {
    expect(await registry().authenticate(requestWith(undefined), body)).toMatchObject({ ok: true, method: 'client_secret_post' });
  });

  it('reads a bare "Basic" header (what Node makes of "Basic ") as a failed Basic attempt, not as no header', async () => {
    // Found by test/fuzz/oauth-endpoints.test.ts: with the body's credentials it issued a token.
    for (const header of ['Basic', 'basic', 'BASIC']) {
      expect(await registry().authenticate(requestWith(header), body)).toMatchObject({ ok: false, error: 'invalid_request', basic: true });
      expect(await registry().authenticate(requestWith(header), new URLSearchParams({ client_id: 'svc' }))).toMatchObject({
        ok: false,
        error: 'invalid_client',
        basic: true,
      });
    }
  });

  it('leaves a header of another scheme to the body credentials', async () => {
    expect(await registry().authenticate(requestWith('Bearer x'), body)).toMatchObject({ ok: true, method: 'client_secret_post' });
    expect(await registry().authenticate(requestWith('Basically x'), body)).toMatchObject({ ok: true, method: 'client_secret_post' });
  });
});

describe('ClientRegistry failure counting', () => {
  it("counts a configured client's failures under the SHA-256 of its id, and locks it out after five, right secret or not", async () => {
    const own = new MemoryStoreFactory();
    const failures = own.open('failures');
    const reg = new ClientRegistry(settings, own.open('clients'), failures);
    const wrong = new URLSearchParams({ client_id: 'svc', client_secret: 'wrong' });
    expect(await reg.authenticate(requestWith(undefined), wrong)).toMatchObject({ ok: false, error: 'invalid_client' });
    expect(await failures.get(`fail:${digest('svc')}`)).toBe('1');
    for (let i = 0; i < 4; i++) await reg.authenticate(requestWith(undefined), wrong);
    expect(await reg.authenticate(requestWith(undefined), body)).toMatchObject({ ok: false, description: expect.stringContaining('too many failed attempts') });
    await own.close();
  });
});
