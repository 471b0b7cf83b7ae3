import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderSettings, RefreshStrategy } from '../../src/oauth2/settings.js';
import { TokenService } from '../../src/oauth2/tokens.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { openStores } from '../../src/stores/open-stores.js';
import type { StoreFactory } from '../../src/stores/store.js';

const settings = (refresh: RefreshStrategy): ProviderSettings => ({
  name: 'oauth',
  providerName: 'test',
  grantTypes: new Set(['password', 'refresh_token']),
  scopes: new Set(['READ', 'WRITE']),
  defaultScopes: [],
  token: { path: '/token', ttlSeconds: 60, format: 'opaque', refresh, refreshTtlSeconds: 600 },
  authorization: { path: '/authorize', codeTtlSeconds: 60 },
  paths: { metadata: '/.well-known/oauth-authorization-server', jwks: '/jwks' },
  rateLimit: { maxFailures: 5, periodMs: 600_000 },
  registration: { maxClients: 10, perMinute: 10 },
  clients: [],
});
const grant = { clientId: 'app', scope: ['READ', 'WRITE'], username: 'ann', roles: ['admin'] };
const ISS = 'http://issuer';

const factories: StoreFactory[] = [];
afterAll(async () => {
  for (const f of factories) await f.close();
});

describe.each([
  ['memory', async () => new MemoryStoreFactory()],
  ['redis', async () => openStores('redis://127.0.0.1:6379')],
])('TokenService on %s', (_kind, make) => {
  const service = async (refresh: RefreshStrategy) => {
    const f = await make();
    factories.push(f);
    return new TokenService(settings(refresh), f.open(`test:${randomUUID()}`), undefined);
  };

  it('issues no refresh token with no-refresh-token, nor for client credentials', async () => {
    const none = await service('none');
    expect((await none.issue(grant, ISS, { refresh: true })).refresh_token).toBeUndefined();
    const single = await service('single');
    expect((await single.issue(grant, ISS, { refresh: false })).refresh_token).toBeUndefined();
  });

  it('single-refresh-token: the same refresh token gives new access tokens, narrower scope allowed, wider refused', async () => {
    const s = await service('single');
    const first = await s.issue(grant, ISS, { refresh: true });
    const again = await s.refresh(first.refresh_token!, 'app', undefined, ISS);
    expect(again.ok && again.tokens.refresh_token).toBe(first.refresh_token);
    expect(again.ok && again.tokens.access_token).not.toBe(first.access_token);
    const narrow = await s.refresh(first.refresh_token!, 'app', ['READ'], ISS);
    expect(narrow.ok && narrow.tokens.scope).toBe('READ');
    expect(await s.refresh(first.refresh_token!, 'app', ['ADMIN'], ISS)).toMatchObject({ ok: false, reason: expect.stringContaining('scope') });
    expect(await s.refresh(first.refresh_token!, 'other-client', undefined, ISS)).toMatchObject({ ok: false });
  });

  it('multiple-refresh-tokens: rotates, and reuse of a rotated token revokes the whole family (RFC 9700 §4.14.2)', async () => {
    const s = await service('multiple');
    const first = await s.issue(grant, ISS, { refresh: true });
    const second = await s.refresh(first.refresh_token!, 'app', undefined, ISS);
    if (!second.ok) throw new Error(second.reason);
    expect(second.tokens.refresh_token).not.toBe(first.refresh_token);
    expect(await s.lookup(second.tokens.access_token)).toMatchObject({ username: 'ann', roles: ['admin'] });
    const reuse = await s.refresh(first.refresh_token!, 'app', undefined, ISS);
    expect(reuse).toMatchObject({ ok: false, reason: expect.stringContaining('already used') });
    expect(await s.lookup(first.access_token)).toBeUndefined();
    expect(await s.lookup(second.tokens.access_token)).toBeUndefined();
    expect((await s.refresh(second.tokens.refresh_token!, 'app', undefined, ISS)).ok).toBe(false);
  });

  it('multiple-refresh-tokens: of concurrent uses of one refresh token at most one succeeds', async () => {
    const s = await service('multiple');
    const first = await s.issue(grant, ISS, { refresh: true });
    const results = await Promise.all(Array.from({ length: 10 }, () => s.refresh(first.refresh_token!, 'app', undefined, ISS)));
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
  });

  it('revoking a refresh token revokes the access tokens of its grant (RFC 7009 §2.1)', async () => {
    const s = await service('single');
    const first = await s.issue(grant, ISS, { refresh: true });
    const refreshed = await s.refresh(first.refresh_token!, 'app', undefined, ISS);
    expect(await s.revokeRefresh(first.refresh_token!)).toBe(true);
    expect(await s.lookup(first.access_token)).toBeUndefined();
    expect(refreshed.ok && (await s.lookup(refreshed.tokens.access_token))).toBeUndefined();
    expect(await s.revokeRefresh(first.refresh_token!)).toBe(false);
  });

  it('keeps tokens only by digest: the store never holds a token in clear', async () => {
    const f = await make();
    factories.push(f);
    const scope = `test:${randomUUID()}`;
    const s = new TokenService(settings('single'), f.open(scope), undefined);
    const issued = await s.issue(grant, ISS, { refresh: true });
    const store = f.open(scope);
    expect(await store.get(`at:${issued.access_token}`)).toBeUndefined();
    expect(await store.get(`rt:${issued.refresh_token}`)).toBeUndefined();
  });
});
