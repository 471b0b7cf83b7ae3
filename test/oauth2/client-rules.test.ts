import { describe, expect, it } from 'vitest';
import { clientMayUse, redirectUriProblem, secretProblem, unknownScopes } from '../../src/oauth2/client-rules.js';
import { load, mule } from '../helpers/app.js';

describe('redirectUriProblem', () => {
  it.each([
    'https://app.example/cb',
    'https://app.example:8443/cb?tenant=1&x=%20y',
    'http://127.0.0.1/cb',
    'http://127.0.0.1:49152/cb',
    'http://[::1]:49152/cb',
    'http://localhost:3000/callback',
    'com.example.app:/oauth2redirect/example-provider',
    'com.example.app://callback',
    `https://a.example/${'p'.repeat(2_000 - 'https://a.example/'.length)}`,
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeUndefined();
  });

  it.each([
    ['/callback', /not an absolute URI/],
    ['https://a.example/cb#', /fragment/],
    ['https://a.example/cb#x', /fragment/],
    ['https://user:pass@a.example/cb', /user information/],
    ['https://a.example@evil.example/cb', /user information/],
    ['JavaScript:alert(1)', /javascript: scheme/],
    ['java\tscript:alert(1)', /control/],
    [' https://a.example/cb', /space/],
    ['https://a.example/caf\u00e9', /non-ASCII/],
    ['data:text/html;base64,PHNjcmlwdD4=', /data: scheme/],
    ['file:///etc/passwd', /file: scheme/],
    ['ftp://a.example/cb', /ftp: scheme/],
    ['myapp://cb', /reverse domain/],
    ['http://app.example/cb', /use https/],
    ['http://127.0.0.2/cb', /use https/],
    [`https://a.example/${'p'.repeat(2_000)}`, /longer than 2000 characters/],
  ])('refuses %s', (uri, message) => {
    expect(redirectUriProblem(uri)).toMatch(message);
  });

  it('names at most the first 80 characters of a long URI', () => {
    const problem = redirectUriProblem(`javascript:${'a'.repeat(1_000)}`)!;
    expect(problem.length).toBeLessThan(300);
  });

  it('refuses a configured client with a redirect URI the rule refuses, at load', async () => {
    const loaded = await load({
      'flows/app.xml': mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="AUTHORIZATION_CODE" scopes="READ" resourceOwnerSecurityProvider="sign-in">
    <oauth2-provider:clients><oauth2-provider:client clientId="web" secret="web-secret-0123456789" redirectUris="http://web.example/cb" authorizedGrantTypes="AUTHORIZATION_CODE"/></oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="sign-in"><set-payload value="false"/></flow>`),
    });
    expect(loaded.app).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('redirect URI "http://web.example/cb" uses http'));
  });
});

describe('clientMayUse', () => {
  it('allows the grants the client lists, and no other', () => {
    const client = { grantTypes: ['client_credentials'] as const };
    expect([clientMayUse(client, 'client_credentials'), clientMayUse(client, 'authorization_code'), clientMayUse(client, 'password')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('lets a client of a grant that yields refresh tokens refresh them, though Mule does not list refresh_token', () => {
    expect(clientMayUse({ grantTypes: ['authorization_code'] }, 'refresh_token')).toBe(true);
    expect(clientMayUse({ grantTypes: ['password'] }, 'refresh_token')).toBe(true);
    expect(clientMayUse({ grantTypes: ['client_credentials'] }, 'refresh_token')).toBe(false);
    expect(clientMayUse({ grantTypes: ['refresh_token'] }, 'refresh_token')).toBe(true);
  });
});

describe('unknownScopes', () => {
  it('lists the scopes the provider does not know, in order', () => {
    expect(unknownScopes(['read', 'admin', 'write', 'root'], new Set(['read', 'write']))).toEqual(['admin', 'root']);
  });

  it('is empty when every scope is known, or none is asked', () => {
    expect(unknownScopes(['read'], new Set(['read']))).toEqual([]);
    expect(unknownScopes([], new Set())).toEqual([]);
  });
});

describe('secretProblem', () => {
  it('needs a secret for a confidential client and refuses one for a public client', () => {
    expect(secretProblem('svc', 'CONFIDENTIAL', false)).toBe('client svc is CONFIDENTIAL and needs a secret');
    expect(secretProblem('spa', 'PUBLIC', true)).toBe('client spa is PUBLIC and cannot have a secret');
  });

  it('accepts a confidential client with a secret and a public one without', () => {
    expect([secretProblem('svc', 'CONFIDENTIAL', true), secretProblem('spa', 'PUBLIC', false)]).toEqual([undefined, undefined]);
  });
});
