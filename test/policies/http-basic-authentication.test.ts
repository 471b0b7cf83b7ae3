import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpBasicAuthentication } from '../../src/policies/http-basic-authentication/http-basic-authentication.js';
import { POLICIES } from '../../src/policies/index.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

// The comparison of credentials must go through timingSafeEqual: wrapped so the tests can see it does.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="ok"/></flow>`).replace('<mule ', `<mule ${NS} `);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const PASSWORD = 'pa:ss-wörd-8f2c1e';
const CHALLENGE = 'Basic realm="mule-realm", charset="UTF-8"';

async function startWith(config: Record<string, unknown>): Promise<TestApp> {
  return start({
    'flows/app.xml': FLOWS,
    'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: http-basic-authentication\n        config: ${JSON.stringify(config)}\n`,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the policy's answers
async function call(headers: Record<string, string> = {}): Promise<{ status: number; body: any; challenge: string | null }> {
  const res = await fetch(app!.url('/orders/1'), { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, challenge: res.headers.get('www-authenticate') };
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` });
const MISSING = { error: 'Registered authentication is set to HTTP basic authentication but there was no security context on the session.' };
const DENIED = { error: 'Authentication denied: invalid username or password' };
const MALFORMED = { error: 'Malformed credentials: send Authorization: Basic base64(username:password)' };

describe('http-basic-authentication', () => {
  it('lets in the right username and password (a password may hold colons and non-ASCII)', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD) });
    expect(await call(basic('ops', PASSWORD))).toEqual({ status: 200, body: 'ok', challenge: null });
  });

  it("accepts Anypoint's plaintext password, hashed when the policy is built", async () => {
    app = await startWith({ username: 'ops', password: PASSWORD });
    expect((await call(basic('ops', PASSWORD))).status).toBe(200);
    expect((await call(basic('ops', 'nope'))).status).toBe(401);
  });

  it('refuses a missing Authorization with 401 and a Basic challenge naming the charset', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD) });
    expect(await call()).toEqual({ status: 401, body: MISSING, challenge: CHALLENGE });
  });

  it('refuses a wrong password and a wrong username alike', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD) });
    for (const [user, password] of [
      ['ops', 'wrong'],
      ['ops', `${PASSWORD}x`],
      ['ops', ''],
      ['Ops', PASSWORD],
      ['nobody', PASSWORD],
    ]) {
      expect({ user, password, ...(await call(basic(user!, password!))) }).toEqual({ user, password, status: 401, body: DENIED, challenge: CHALLENGE });
    }
  });

  it('refuses malformed credentials: another scheme, bad base64, no colon', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD) });
    for (const authorization of ['Bearer abc', 'Basic', 'Basic not-base64!', `Basic ${Buffer.from('ops').toString('base64')}`, 'Basic a']) {
      expect({ authorization, ...(await call({ authorization })) }).toEqual({ authorization, status: 401, body: MALFORMED, challenge: CHALLENGE });
    }
  });

  it('names the configured realm, quoted', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD), realm: 'orders "v1"' });
    expect((await call()).challenge).toBe('Basic realm="orders \\"v1\\"", charset="UTF-8"');
  });

  it('compares username and password as sha256 digests in constant time, both every time', async () => {
    app = await startWith({ username: 'ops', passwordHash: sha256(PASSWORD) });
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const [user, password, status] of [
      ['ops', PASSWORD, 200],
      ['ops', 'wrong', 401],
      ['nobody', PASSWORD, 401],
      ['nobody', 'wrong', 401],
    ] as const) {
      compare.mockClear();
      expect((await call(basic(user, password))).status).toBe(status);
      expect(compare).toHaveBeenCalledTimes(2);
      for (const [a, b] of compare.mock.calls as Array<[Buffer, Buffer]>) expect([a.length, b.length]).toEqual([32, 32]);
    }
  });

  it('never logs a password, right or wrong', async () => {
    app = await startWith({ username: 'ops', password: PASSWORD });
    await call(basic('ops', PASSWORD));
    await call(basic('ops', 'wrong-password-value-123'));
    const logged = JSON.stringify(app.logs);
    expect(logged).toContain('http-basic-authentication: request refused');
    for (const secret of [PASSWORD, 'wrong-password-value-123', sha256(PASSWORD), Buffer.from(`ops:${PASSWORD}`).toString('base64')])
      expect(logged).not.toContain(secret);
  });
});

describe('http-basic-authentication: configuration', () => {
  it('is registered by its Anypoint id', () => {
    expect(POLICIES.find((p) => p.id === 'http-basic-authentication')).toBe(httpBasicAuthentication);
  });

  it('wants exactly one of password and passwordHash', () => {
    const deps = { log: undefined as never, now: Date.now, httpClient: () => undefined as never };
    const problem = (config: Record<string, unknown>) => {
      try {
        httpBasicAuthentication.create(config, deps);
        return 'built';
      } catch (e) {
        return e instanceof PolicyConfigError ? e.path : String(e);
      }
    };
    expect(problem({ username: 'ops' })).toBe('/password');
    expect(problem({ username: 'ops', password: 'a', passwordHash: sha256('a') })).toBe('/password');
    expect(problem({ username: 'ops', passwordHash: sha256('a').toUpperCase() })).toBe('built');
  });

  it('refuses in api-manager.yaml a username with a colon and a hash that is not sha256 hex', async () => {
    app = await startWith({ username: 'o:ps', passwordHash: 'abc' });
    expect(app.diagnostics.map((d) => d.message).sort()).toEqual([
      '/apis/0/policies/0/config/passwordHash: must match pattern "^[0-9a-fA-F]{64}$"',
      '/apis/0/policies/0/config/username: must match pattern "^[^:]*$"',
    ]);
  });
});
