import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/deploy/logger.js';
import { OidcClientProvider } from '../../../src/gateway/client-providers/oidc-client-provider.js';
import { ClientRegistrationError } from '../../../src/gateway/client-providers/registration.js';
import type { ClientProviderSpec } from '../../../src/gateway/manager-doc.js';
import { HttpClient } from '../../../src/http/client/http-client.js';
import { IdpUnavailableError } from '../../../src/policies/shared/identity.js';
import { capturingLogger } from '../../policies/jwt-validation/harness.js';
import { bigBodyServer, EARLY_CLOSE_BOUND } from '../../helpers/big-body.js';
import { DEFAULT_INITIAL_ACCESS_TOKEN, GATEWAY_CLIENT, ORDERS_CLIENT, startIdp } from '../../helpers/idp.js';
import type { Idp } from '../../helpers/idp.js';

const providers: OidcClientProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) await p.stop();
});

const clock = { now: Date.now() };
const silent = createLogger('silent');

function provider(spec: Partial<ClientProviderSpec>, { environment = {} as Record<string, string>, log = silent } = {}): OidcClientProvider {
  const p = new OidcClientProvider(
    { name: 'idp', type: 'openid-connect', timeoutMs: 1000, ...spec },
    {
      httpClient: (connectTimeout) => new HttpClient({ connectionIdleTimeout: 1000, usePersistentConnections: true, connectTimeout }),
      log,
      now: () => clock.now,
      environment,
    },
  );
  providers.push(p);
  return p;
}

/** A stand-in IdP whose every answer the test chooses; it counts requests by path. */
async function fakeIdp(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits: (path: string) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

describe('OidcClientProvider against a real OpenID Provider', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp();
  });
  afterAll(async () => {
    await idp.stop();
  });

  it('finds issuer, JWKS and endpoints by discovery and introspects as the introspection client', async () => {
    const p = provider(
      { discoveryUrl: idp.discoveryUrl, introspectionClientId: GATEWAY_CLIENT.id, introspectionClientSecret: '${IDP_SECRET}' },
      { environment: { IDP_SECRET: GATEWAY_CLIENT.secret } },
    );
    expect(await p.issuer()).toBe(idp.issuer);
    expect(await p.jwksUri()).toMatch(new RegExp(`^${idp.issuer}/`));
    const token = (await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' })).access_token;
    expect(await p.introspect(token)).toMatchObject({ active: true, client_id: ORDERS_CLIENT.id, scope: 'orders:read' });
    expect(await p.introspect('unknown')).toEqual({ active: false });
  });

  it('registers a client with the initial access token, and reports the IdP refusal with its words', async () => {
    const p = provider({ discoveryUrl: idp.discoveryUrl, registrationAuthorization: DEFAULT_INITIAL_ACCESS_TOKEN });
    expect(await p.canRegister()).toBe(true);
    const client = await p.register({
      client_name: 'orders-portal',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(client).toMatchObject({ client_id: expect.any(String), client_secret: expect.any(String) });
    const refused = await provider({ discoveryUrl: idp.discoveryUrl, registrationAuthorization: 'wrong-token' })
      .register({ redirect_uris: [] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientRegistrationError);
    expect((refused as ClientRegistrationError).error).toBe('invalid_token');
  });

  it('refuses a discovery document that announces another issuer', async () => {
    const p = provider({ discoveryUrl: idp.discoveryUrl, issuer: 'https://someone-else.example' });
    await expect(p.jwksUri()).rejects.toThrow(/announces issuer/);
  });

  it('fails every call, naming the variable and not the values, when a ${VAR} is not set', async () => {
    const { log, lines } = capturingLogger();
    const p = provider(
      {
        discoveryUrl: idp.discoveryUrl,
        introspectionClientId: GATEWAY_CLIENT.id,
        introspectionClientSecret: '${IDP_SECRET}',
        registrationAuthorization: 'literal-initial-token',
      },
      { log },
    );
    await expect(p.introspect('t')).rejects.toThrow(new IdpUnavailableError('client provider idp: environment variable IDP_SECRET is not set'));
    await expect(p.issuer()).rejects.toBeInstanceOf(IdpUnavailableError);
    expect(lines.join('')).toContain('IDP_SECRET');
    expect(lines.join('')).not.toContain('literal-initial-token');
  });
});

describe('OidcClientProvider discovery', () => {
  it('tries a failed discovery again only after the cooldown, however many calls come', async () => {
    let up = false;
    const fake = await fakeIdp((_req, res) => {
      if (!up) return json(res, 500, {});
      json(res, 200, { issuer: 'http://x', jwks_uri: 'http://x/jwks' });
    });
    try {
      const p = provider({ discoveryUrl: `${fake.origin}/.well-known/openid-configuration` });
      const calls = await Promise.allSettled(Array.from({ length: 20 }, () => p.jwksUri()));
      expect(calls.every((c) => c.status === 'rejected' && c.reason instanceof IdpUnavailableError)).toBe(true);
      await expect(p.jwksUri()).rejects.toThrow(/answered 500/);
      expect(fake.hits('/.well-known/openid-configuration')).toBe(1);
      up = true;
      await expect(p.jwksUri()).rejects.toBeInstanceOf(IdpUnavailableError);
      clock.now += 5000;
      expect(await p.jwksUri()).toBe('http://x/jwks');
      expect(fake.hits('/.well-known/openid-configuration')).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it('serves the stale document while it refreshes it in the background after metadataTtlSeconds', async () => {
    let jwks = 'http://x/old';
    const fake = await fakeIdp((_req, res) => json(res, 200, { issuer: 'http://x', jwks_uri: jwks }));
    try {
      const p = provider({ discoveryUrl: `${fake.origin}/.well-known/openid-configuration`, metadataTtlSeconds: 60 });
      expect(await p.jwksUri()).toBe('http://x/old');
      jwks = 'http://x/new';
      clock.now += 59_000;
      expect(await p.jwksUri()).toBe('http://x/old');
      clock.now += 1000;
      expect(await p.jwksUri()).toBe('http://x/old');
      const started = Date.now();
      while ((await p.jwksUri()) !== 'http://x/new') {
        if (Date.now() - started > 2000) throw new Error('never refreshed');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(fake.hits('/.well-known/openid-configuration')).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it('takes explicit URLs over discovered ones, and needs no discovery for them', async () => {
    const p = provider({
      discoveryUrl: 'http://127.0.0.1:1/.well-known/openid-configuration',
      jwksUrl: 'https://keys.example/jwks',
      issuer: 'https://issuer.example',
    });
    expect(await p.jwksUri()).toBe('https://keys.example/jwks');
    expect(await p.issuer()).toBe('https://issuer.example');
    await expect(p.introspect('t')).rejects.toBeInstanceOf(IdpUnavailableError);
  });

  it('reads RFC 8414 metadata for an oauth2 provider given its issuer', async () => {
    const fake = await fakeIdp((_req, res) => json(res, 200, { issuer: `${fake.origin}/tenant`, jwks_uri: 'http://x/jwks' }));
    try {
      const p = provider({ type: 'oauth2', discoveryUrl: `${fake.origin}/tenant` });
      expect(await p.jwksUri()).toBe('http://x/jwks');
      expect(fake.hits('/.well-known/oauth-authorization-server/tenant')).toBe(1);
    } finally {
      await fake.close();
    }
  });
});

describe('OidcClientProvider introspection answers', () => {
  it.each([
    ['a status other than 200', (res: ServerResponse) => json(res, 401, { error: 'invalid_client' }), /answered 401/],
    ['something that is not JSON', (res: ServerResponse) => json(res, 200, '<html>'), /not JSON/],
    ['JSON without a boolean active', (res: ServerResponse) => json(res, 200, { active: 'true' }), /boolean "active"/],
  ])('takes %s for the IdP failing, not the token', async (_what, answer, message) => {
    const fake = await fakeIdp((_req, res) => answer(res));
    try {
      const p = provider({ introspectionUrl: `${fake.origin}/introspect`, introspectionClientId: 'gw', introspectionClientSecret: 's' });
      const err = await p.introspect('t').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IdpUnavailableError);
      expect((err as Error).message).toMatch(message);
    } finally {
      await fake.close();
    }
  });

  it('gives up after timeoutMs when the IdP does not answer', async () => {
    const fake = await fakeIdp(() => undefined);
    try {
      const p = provider({ introspectionUrl: `${fake.origin}/introspect`, timeoutMs: 200 });
      const started = Date.now();
      await expect(p.introspect('t')).rejects.toBeInstanceOf(IdpUnavailableError);
      expect(Date.now() - started).toBeLessThan(5_000); // generous: without the timeout it would wait for ever
    } finally {
      await fake.close();
    }
  });

  it('sends the token form-encoded with client_secret_basic credentials, each part form-encoded', async () => {
    let seen: { auth?: string; type?: string; body: string } | undefined;
    const fake = await fakeIdp((req, res, body) => {
      seen = { auth: req.headers.authorization, type: req.headers['content-type'], body };
      json(res, 200, { active: false });
    });
    try {
      await provider({ introspectionUrl: `${fake.origin}/introspect`, introspectionClientId: 'gw:1', introspectionClientSecret: 's p' }).introspect('a+b');
      expect(seen!.type).toBe('application/x-www-form-urlencoded');
      expect(new URLSearchParams(seen!.body).get('token')).toBe('a+b');
      expect(Buffer.from(seen!.auth!.replace('Basic ', ''), 'base64').toString()).toBe('gw%3A1:s+p');
    } finally {
      await fake.close();
    }
  });

  it('refuses calls once stopped', async () => {
    const p = provider({ introspectionUrl: 'http://127.0.0.1:1/introspect' });
    await p.stop();
    await expect(p.introspect('t')).rejects.toThrow(/stopped/);
  });
});

describe('OidcClientProvider: answers too large to hold', () => {
  const BIG = 64 * 1024 * 1024;

  it.each([true, false])(
    'refuses a discovery document over 1 MiB (Content-Length: %s) as an IdP failing, cut off early, logged once',
    async (declareLength) => {
      const big = await bigBodyServer(BIG, { declareLength });
      const fine = await fakeIdp((_req, res) => json(res, 200, { issuer: 'http://x', jwks_uri: 'http://x/jwks' }));
      try {
        const { log, lines } = capturingLogger();
        const p = provider({ discoveryUrl: `${big.origin}/.well-known/openid-configuration` }, { log });
        const other = provider({ discoveryUrl: `${fine.origin}/.well-known/openid-configuration` });
        const [refused, served] = await Promise.allSettled([p.jwksUri(), other.jwksUri()]);
        expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(IdpUnavailableError);
        expect((refused as PromiseRejectedResult).reason.message).toContain('response body larger than 1048576 bytes');
        expect(served).toEqual({ status: 'fulfilled', value: 'http://x/jwks' });
        const streamed = await big.streams[0]!;
        expect(streamed.finished).toBe(false);
        expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
        // More calls within the retry wait neither fetch nor log again.
        await expect(p.jwksUri()).rejects.toBeInstanceOf(IdpUnavailableError);
        expect(big.streams).toHaveLength(1);
        expect(lines.filter((l) => l.includes('client provider: discovery failed'))).toHaveLength(1);
      } finally {
        await big.close();
        await fine.close();
      }
    },
  );

  it('refuses an introspection answer over 256 KiB as an IdP failing, cut off early', async () => {
    const big = await bigBodyServer(BIG, { declareLength: false });
    try {
      const p = provider({ introspectionUrl: `${big.origin}/introspect`, introspectionClientId: 'gw', introspectionClientSecret: 's' });
      const err = await p.introspect('t').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IdpUnavailableError);
      expect((err as Error).message).toContain('response body larger than 262144 bytes');
      expect((await big.streams[0]!).written).toBeLessThan(EARLY_CLOSE_BOUND);
    } finally {
      await big.close();
    }
  });

  it('refuses a registration answer over 256 KiB as an IdP failing, cut off early', async () => {
    const big = await bigBodyServer(BIG, { declareLength: true, status: 201 });
    try {
      const p = provider({ registrationUrl: `${big.origin}/register`, registrationAuthorization: 'initial' });
      const err = await p.register({ client_name: 'shop' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IdpUnavailableError);
      expect((err as Error).message).toContain('response body larger than 262144 bytes');
      expect((await big.streams[0]!).finished).toBe(false);
    } finally {
      await big.close();
    }
  });
});
