/**
 * Fuzz: the OAuth 2.0 provider's endpoints against requests that each carry at least one defect
 * (a parameter missing, repeated, oversized or badly encoded; a wrong content type; Basic header
 * garbage), through a running app on real sockets.
 *
 * CI runs a fixed seed (about 20 s on two busy cores); hunt longer with
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz/oauth-endpoints.test.ts
 * Whatever a property finds goes into its `examples` once fixed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { WireResponse } from './raw-exchange.js';
import { exchange, parseResponses, request } from './raw-exchange.js';
import { fuzz, timeLimit } from './settings.js';

const SEED = 0x0a02_0001;
const SECRET = 'svc-secret-0123456789abcdef';
const INITIAL = 'initial-access-token-0123456789';
const SPA_CB = 'https://spa.example/cb';

const APP = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" registrationAccessToken="${INITIAL}" registrationsPerMinute="100000"
      supportedGrantTypes="CLIENT_CREDENTIALS AUTHORIZATION_CODE RESOURCE_OWNER_PASSWORD_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ" resourceOwnerSecurityProvider="sign-in">
    <oauth2-provider:token-config path="/token">
      <oauth2-provider:refresh-token-strategy><oauth2-provider:single-refresh-token/></oauth2-provider:refresh-token-strategy>
    </oauth2-provider:token-config>
    <oauth2-provider:client-validation-rate-limiter>
      <oauth2-provider:period-rate-limiter duration="600" durationTimeUnit="SECONDS" maximumFailureCount="1000000"/>
    </oauth2-provider:client-validation-rate-limiter>
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS,RESOURCE_OWNER_PASSWORD_CREDENTIALS" scopes="READ,WRITE"/>
      <oauth2-provider:client clientId="spa" type="PUBLIC" redirectUris="${SPA_CB}" authorizedGrantTypes="AUTHORIZATION_CODE" scopes="READ"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="sign-in"><set-payload value="false"/></flow>`);

let app: TestApp;
let port: number;
let issued: string;
beforeAll(async () => {
  app = await start(APP);
  port = Number(new URL(app.url('/')).port);
  // A real token, so that introspection and revocation have something to be asked about.
  const res = await fetch(app.url('/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('svc', SECRET) },
    body: 'grant_type=client_credentials',
  });
  issued = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await app?.stop();
});

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

type Endpoint = 'token' | 'introspect' | 'revoke' | 'authorize' | 'register';

/** A well-formed request of each endpoint, as parameters (register: JSON members), before its defect. */
function baseline(endpoint: Endpoint): Array<[string, string]> {
  switch (endpoint) {
    case 'token':
      return [
        ['grant_type', 'client_credentials'],
        ['client_id', 'svc'],
        ['client_secret', SECRET],
        ['scope', 'READ'],
      ];
    case 'introspect':
    case 'revoke':
      return [
        ['token', issued],
        ['client_id', 'svc'],
        ['client_secret', SECRET],
      ];
    case 'authorize':
      return [
        ['response_type', 'code'],
        ['client_id', 'spa'],
        ['redirect_uri', SPA_CB],
        ['scope', 'READ'],
        ['state', 's'],
        ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
        ['code_challenge_method', 'S256'],
      ];
    case 'register':
      return [
        ['redirect_uris', SPA_CB],
        ['token_endpoint_auth_method', 'none'],
      ];
  }
}

/** What makes a request wrong. Each case has at least one; a request without one would rightly succeed. */
type Defect =
  | { kind: 'missing'; which: number }
  | { kind: 'repeated'; which: number; value: string; count: number }
  | { kind: 'oversized'; which: number; size: number }
  | { kind: 'encoding'; which: number; value: string }
  | { kind: 'content-type'; value: string | null }
  | { kind: 'basic'; value: string }
  | { kind: 'bad-value'; which: number; value: string }
  | { kind: 'initial-token'; value: string | null }
  | { kind: 'redirect-uri'; value: string };

const which = fc.nat({ max: 6 });
const defect: fc.Arbitrary<Defect> = fc.oneof(
  fc.record({ kind: fc.constant('missing' as const), which }),
  fc.record({
    kind: fc.constant('repeated' as const),
    which,
    value: fc.constantFrom('a', 'b', '', 'client_credentials', 'READ', 'svc'),
    count: fc.constantFrom(2, 3, 10_000),
  }),
  fc.record({ kind: fc.constant('oversized' as const), which, size: fc.constantFrom(300, 4_097, 60 * 1024, 1024 * 1024) }),
  fc.record({
    kind: fc.constant('encoding' as const),
    which,
    value: fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%C0%80', '%FF', '%00', '%0D%0A', '%uD800', '\u00ff', '%F0%9F%98'),
  }),
  fc.record({
    kind: fc.constant('content-type' as const),
    value: fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      null,
      'application/x-www-form-urlencodedx',
      'form',
      '',
      'application/xml',
    ),
  }),
  fc.record({
    kind: fc.constant('basic' as const),
    value: fc.constantFrom(
      'Basic',
      'Basic ',
      'Basic !!!',
      'Basic ====',
      `Basic ${Buffer.from('nocolon').toString('base64')}`,
      `Basic ${Buffer.from(':').toString('base64')}`,
      `Basic ${Buffer.from('svc:wrong').toString('base64')}`,
      `Basic ${Buffer.from('%ZZ:%ZZ').toString('base64')}`,
      `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`,
      `Basic svc:${SECRET}`,
      `Basic  ${Buffer.from(`svc:${SECRET}x`).toString('base64')}`,
      `Basic ${Buffer.from(`${'x'.repeat(9_000)}:y`).toString('base64')}`,
      `Bearer ${SECRET}`,
      'Digest username="svc"',
    ),
  }),
  fc.record({
    kind: fc.constant('bad-value' as const),
    which,
    value: fc.constantFrom(
      '',
      ' ',
      'implicit',
      'password',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'token',
      'ADMIN',
      'READ"WRITE',
      'javascript:alert(1)',
      '\u0000',
      'null',
      '[]',
      '"x"',
      'x\\y',
      'é',
    ),
  }),
  fc.record({
    kind: fc.constant('initial-token' as const),
    value: fc.constantFrom(null, 'Bearer', `Bearer ${INITIAL}x`, `bearer  ${INITIAL.slice(1)}`, `Basic ${INITIAL}`, 'Bearer ' + 'x'.repeat(8_000)),
  }),
  fc.record({
    kind: fc.constant('redirect-uri' as const),
    value: fc.constantFrom(
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'http://evil.example/cb',
      'https://a.example/cb#f',
      '/relative',
      'https://spa.example@evil.example/cb',
      'https://a.example/c\nb',
      `https://a.example/${'p'.repeat(2_001)}`,
      'myapp:/cb',
    ),
  }),
);

interface Case {
  readonly endpoint: Endpoint;
  readonly defects: readonly Defect[];
  /** Client authentication by Basic instead of the body (token, introspect, revoke). */
  readonly viaBasic: boolean;
}

interface Built {
  readonly method: string;
  readonly target: string;
  readonly lines: string[];
  readonly body: Buffer;
  /** Whether some defect survived into the request (a "missing" of a parameter the request did not have is none). */
  readonly defective: boolean;
}

const PATHS: Record<Endpoint, string> = { token: '/token', introspect: '/introspect', revoke: '/revoke', authorize: '/authorize', register: '/register' };

/**
 * Whether changing parameter `name` of `endpoint` to `value` makes the request wrong. Not every
 * change does: scope and state are optional, and introspection and revocation answer for any token
 * (RFC 7662 §2.2 {"active":false}, RFC 7009 §2.2 200), so a token that is no token is no defect.
 */
function spoils(endpoint: Endpoint, name: string, value: string | undefined): boolean {
  if (name === 'state' || name === 'token_endpoint_auth_method') return false;
  if (name === 'scope' && (value === undefined || value.trim() === '' || value === 'READ')) return false;
  if (name === 'token' && (endpoint === 'introspect' || endpoint === 'revoke')) return value === undefined;
  // One registered redirect URI may be left out (RFC 6749 §3.1.2.3); a longer one must still be absolute https.
  if (name === 'redirect_uri') return value !== undefined;
  if (name === 'redirect_uris') return value === undefined || !/^https:\/\/spa\.example\/cbx*$/.test(value) || value.length > 2_000;
  return true;
}

/** The request a case describes, and whether what it ends up sending is wrong (a later change may undo an earlier one). */
function build(c: Case): Built {
  const base = baseline(c.endpoint);
  let params = [...base];
  const clientAuth = c.endpoint === 'token' || c.endpoint === 'introspect' || c.endpoint === 'revoke';
  let contentType: string | null = c.endpoint === 'register' ? 'application/json' : 'application/x-www-form-urlencoded';
  const goodBasic = basic('svc', SECRET);
  let authorization: string | null = c.endpoint === 'register' ? `Bearer ${INITIAL}` : null;
  if (c.viaBasic && clientAuth) {
    params = params.filter(([k]) => k !== 'client_id' && k !== 'client_secret');
    authorization = goodBasic;
  }
  /** Parameters written as they are, percent escapes and all. */
  const raw: Array<[string, string]> = [];
  for (const d of c.defects) {
    if ('which' in d && params.length === 0) continue;
    const at = 'which' in d ? d.which % params.length : 0;
    switch (d.kind) {
      case 'missing':
        params = params.filter(([k]) => k !== params[at]![0]);
        break;
      case 'repeated':
        if (c.endpoint !== 'register') for (let i = 1; i < d.count; i++) params.push([params[at]![0], d.value]);
        break;
      case 'oversized':
        params[at] = [params[at]![0], `${params[at]![1]}${'x'.repeat(d.size)}`];
        break;
      case 'encoding':
        if (c.endpoint !== 'register') raw.push([params.splice(at, 1)[0]![0], d.value]);
        break;
      case 'content-type':
        if (c.endpoint !== 'authorize') contentType = d.value; // the authorization request is a GET: no body, no type
        break;
      case 'basic':
        if (clientAuth) authorization = d.value;
        break;
      case 'bad-value':
        params[at] = [params[at]![0], d.value];
        break;
      case 'initial-token':
        if (c.endpoint === 'register') authorization = d.value;
        break;
      case 'redirect-uri':
        params = params.map(([k, v]) => (k === 'redirect_uri' || k === 'redirect_uris' ? [k, d.value] : [k, v]));
        break;
    }
  }

  let body: Buffer;
  let target = PATHS[c.endpoint];
  const encoded = [
    ...params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    ...raw.map(([k, v]) => `${encodeURIComponent(k)}=${v}`),
  ].join('&');
  if (c.endpoint === 'register') body = Buffer.from(JSON.stringify(Object.fromEntries(params.map(([k, v]) => [k, k === 'redirect_uris' ? [v] : v]))), 'utf8');
  else if (c.endpoint === 'authorize') {
    target = `${target}?${encoded}`;
    body = Buffer.alloc(0);
  } else body = Buffer.from(encoded, 'latin1');
  const lines: string[] = [];
  if (authorization !== null) lines.push(`Authorization: ${authorization}`);
  if (contentType !== null && c.endpoint !== 'authorize') lines.push(`Content-Type: ${contentType}`);
  if (c.endpoint !== 'authorize') lines.push(`Content-Length: ${body.length}`);

  // What the server reads: the parameters as its parser decodes them.
  const sent = c.endpoint === 'register' ? params : [...new URLSearchParams(encoded)];
  const names = sent.map(([k]) => k);
  const defective =
    names.some((k, i) => names.indexOf(k) !== i) ||
    base.some(([name, value]) => {
      if (c.viaBasic && clientAuth && (name === 'client_id' || name === 'client_secret')) return names.includes(name);
      const now = sent.find(([k]) => k === name)?.[1];
      return now !== value && spoils(c.endpoint, name, now);
    }) ||
    (c.endpoint === 'register'
      ? contentType !== 'application/json' || authorization !== `Bearer ${INITIAL}`
      : c.endpoint !== 'authorize' && contentType !== 'application/x-www-form-urlencoded') ||
    (clientAuth && authorization !== null && authorization !== goodBasic && (/^basic/i.test(authorization) || c.viaBasic)) ||
    // Past the body limit (64 KiB, registration 16 KiB) or the head's (16 KiB).
    body.length > (c.endpoint === 'register' ? 16 : 64) * 1024 ||
    target.length > 16 * 1024;
  return { method: c.endpoint === 'authorize' ? 'GET' : 'POST', target, lines, body, defective };
}

const ERRORS: Record<Endpoint, readonly string[]> = {
  token: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'],
  introspect: ['invalid_request', 'invalid_client'],
  revoke: ['invalid_request', 'invalid_client', 'unsupported_token_type'],
  register: ['invalid_request', 'invalid_token', 'invalid_client_metadata', 'invalid_redirect_uri', 'temporarily_unavailable', 'access_denied'],
  authorize: ['invalid_request', 'invalid_client', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope', 'access_denied', 'invalid_target'],
};

/** RFC 6749 §5.2 (which RFC 7009 §2.2.1 and RFC 7662 §2.3 use): error and error_description are %x20-21 / %x23-5B / %x5D-7E. */
const NQCHAR = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** RFC 7591 §3.2.2: "human-readable ASCII text". */
const ASCII = /^[\x20-\x7e]*$/;

/** What every answer to a defective request must be: an RFC-shaped refusal, never a token, a code or a client. */
function refusal(c: Case, res: WireResponse): void {
  const text = res.body.toString('utf8');
  const seen = { endpoint: c.endpoint, status: res.status, body: text.slice(0, 300) };
  // Node refuses a head past 16 KiB itself (RFC 6585 §5), before any endpoint sees it.
  if (res.status === 431) return;
  if (c.endpoint === 'authorize') {
    // Problems with the client or its redirect URI: an error page; others: back to the redirect URI with error=.
    expect(seen).toSatisfy(() => [302, 400, 413].includes(res.status));
    if (res.status === 302) {
      const location = new URL(res.headers.location![0]!);
      expect(`${location.origin}${location.pathname}`).toBe(SPA_CB);
      expect(ERRORS.authorize).toContain(location.searchParams.get('error'));
      expect(location.searchParams.has('code')).toBe(false);
      expect(location.searchParams.get('error_description') ?? '').toMatch(NQCHAR);
    }
    return;
  }
  expect(seen).toSatisfy(() => [400, 401, 403, 413, 415, 429].includes(res.status));
  expect(res.headers['content-type']?.[0]).toMatch(/^application\/json/);
  const answer = JSON.parse(text) as Record<string, unknown>;
  expect({ ...seen, error: answer.error }).toSatisfy(() => ERRORS[c.endpoint].includes(answer.error as string));
  expect(answer).not.toHaveProperty('access_token');
  expect(answer).not.toHaveProperty('refresh_token');
  expect(answer).not.toHaveProperty('client_id');
  expect(answer).not.toHaveProperty('active');
  expect(typeof answer.error_description === 'string' || answer.error_description === undefined).toBe(true);
  const charset = c.endpoint === 'register' ? ASCII : NQCHAR;
  expect({ ...seen, description: answer.error_description }).toSatisfy(
    () => charset.test(String(answer.error_description ?? '')) && NQCHAR.test(String(answer.error)),
  );
  // RFC 6749 §5.1/§5.2: nothing a token endpoint answers may be cached.
  expect(res.headers['cache-control']).toEqual(['no-store']);
  // RFC 6749 §5.2: invalid_client with 401 carries a challenge.
  if (res.status === 401) expect(res.headers['www-authenticate']?.length).toBe(1);
}

const endpoint = fc.constantFrom<Endpoint>('token', 'introspect', 'revoke', 'authorize', 'register');
const oauthCase: fc.Arbitrary<Case> = fc.record({ endpoint, defects: fc.array(defect, { minLength: 1, maxLength: 3 }), viaBasic: fc.boolean() });

describe('fuzz: OAuth endpoint parameters', () => {
  it(
    'every defective request is refused as its RFC says (RFC 6749 §5.2, 7009, 7662, 7591), never with a token and never 500',
    async () => {
      await fc.assert(
        fc.asyncProperty(oauthCase, async (c) => {
          const built = build(c);
          fc.pre(built.defective);
          const responses = parseResponses(await exchange(port, request(built.method, built.target, built.lines, built.body)));
          expect(responses).toHaveLength(1);
          refusal(c, responses[0]!);
        }),
        fuzz(SEED, 4_000, [
          // The issue's seeds: a 60 KB client_id at the token endpoint; grant_type twice; javascript: and data: redirect URIs.
          [{ endpoint: 'token', defects: [{ kind: 'oversized', which: 1, size: 60 * 1024 }], viaBasic: false }],
          [{ endpoint: 'token', defects: [{ kind: 'repeated', which: 0, value: 'b', count: 2 }], viaBasic: true }],
          [{ endpoint: 'register', defects: [{ kind: 'redirect-uri', value: 'javascript:alert(document.cookie)' }], viaBasic: false }],
          [{ endpoint: 'register', defects: [{ kind: 'redirect-uri', value: 'data:text/html,<script>alert(1)</script>' }], viaBasic: false }],
          [{ endpoint: 'token', defects: [{ kind: 'bad-value', which: 0, value: 'é' }], viaBasic: true }],
          // Found here: a token answered for the first of two; revocation likewise (now invalid_request).
          [{ endpoint: 'introspect', defects: [{ kind: 'repeated', which: 0, value: 'a', count: 2 }], viaBasic: true }],
          [{ endpoint: 'revoke', defects: [{ kind: 'repeated', which: 1, value: 'svc', count: 2 }], viaBasic: false }],
          // Found here: a bare "Basic" header was no Basic attempt, and the body's credentials got a token.
          [{ endpoint: 'token', defects: [{ kind: 'basic', value: 'Basic' }], viaBasic: false }],
          // Found here: descriptions quoting the request (é, quotes, §, 60 KB) outside RFC 6749 §5.2's characters.
          [{ endpoint: 'register', defects: [{ kind: 'redirect-uri', value: '/relative' }], viaBasic: false }],
        ]),
      );
    },
    timeLimit(4_000, 20),
  );
});
