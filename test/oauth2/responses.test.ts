import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDescription, oauthError } from '../../src/oauth2/responses.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

/** RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E. */
const ALLOWED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

describe('oauthError', () => {
  it('keeps error_description to the characters RFC 6749 §5.2 allows, whatever the request sent', () => {
    const body = oauthError('unsupported_grant_type', 'grant_type "é\\\n😀" is not supported (RFC 6749 §5.2)').body as { error_description: string };
    expect(body.error_description).toBe("grant_type '/' is not supported (RFC 6749 section 5.2)");
    expect(body.error_description).toMatch(ALLOWED);
  });

  it('cuts a description that quotes a long value', () => {
    const text = errorDescription(`grant_type ${'x'.repeat(60 * 1024)} is not supported`);
    expect(text.length).toBe(500);
    expect(text.endsWith('...')).toBe(true);
  });
});

describe('the token endpoint quoting a request value', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await start(
      mule(`<oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
      <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="svc-secret-0123456789abcdef" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
    </oauth2-provider:config>`),
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers an unknown grant_type, however long and whatever its characters, with a §5.2 description', async () => {
    // Found by test/fuzz/oauth-endpoints.test.ts: the grant_type came back as sent, quotes, é and 60 KB of it.
    for (const grant of ['é"\\', 'x'.repeat(60 * 1024)]) {
      const res = await fetch(app.url('/token'), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('svc:svc-secret-0123456789abcdef').toString('base64')}`,
        },
        body: `grant_type=${encodeURIComponent(grant)}`,
      });
      expect(res.status).toBe(400);
      const { error, error_description } = (await res.json()) as { error: string; error_description: string };
      expect(error).toBe('unsupported_grant_type');
      expect(error_description).toMatch(ALLOWED);
      expect(error_description.length).toBeLessThanOrEqual(500);
    }
  });
});
