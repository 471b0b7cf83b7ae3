import type { ResponseSpec } from '../../http/response.js';
import { clientMayUse } from '../client-rules.js';
import { MAX_CLIENT_ID_LENGTH, MAX_RESOURCE_LENGTH, MAX_STATE_LENGTH } from '../limits.js';
import { errorPage, loginPage } from '../login-page.js';
import type { AuthorizationRequest } from '../pending.js';
import type { ProviderCore } from '../provider-core.js';
import { redirectTarget } from '../redirect-target.js';
import type { OAuthRequest } from '../request.js';
import { formOf, repeated } from '../request.js';
import type { OAuthErrorCode } from '../responses.js';
import { errorDescription } from '../responses.js';
import { resolveScope } from '../scope.js';
import type { Client } from '../settings.js';

/** RFC 8707 §2 adds invalid_target for a bad resource indicator. */
type AuthorizeError = OAuthErrorCode | 'invalid_target';
interface Problem {
  readonly error: AuthorizeError;
  readonly description: string;
}
type Check = (params: URLSearchParams, client: Client) => Problem | undefined;

const problem = (error: AuthorizeError, description: string): Problem => ({ error, description });

/** The same words for a wrong password, an unknown user and a locked-out one: none tells which it was. */
const INVALID_LOGIN = 'Invalid username or password.';

/** The login page must not be cached, framed (clickjacking, RFC 9700 §4.16) or leak its URL. */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};
/** The built-in page loads nothing, so it can say so; an app's own page may load its styles. */
const BUILT_IN_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The checks of an authorization request once its client and redirect URI are trusted, in order;
 * the first problem goes back to the client's redirect URI (RFC 6749 §4.1.2.1).
 */
const CHECKS: readonly Check[] = [
  function responseType(params) {
    const type = params.get('response_type');
    if (type === null) return problem('invalid_request', 'response_type is required');
    if (type !== 'code')
      return problem('unsupported_response_type', `response_type ${type} is not supported: this provider issues authorization codes only (response_type=code)`);
    return undefined;
  },
  function clientMayUseCode(_params, client) {
    return clientMayUse(client, 'authorization_code') ? undefined : problem('unauthorized_client', 'this client may not use the authorization code grant');
  },
  function responseMode(params) {
    const mode = params.get('response_mode');
    return mode === null || mode === 'query' ? undefined : problem('invalid_request', `response_mode ${mode} is not supported: use query`);
  },
  function pkce(params, client) {
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (challenge === null) {
      if (method !== null) return problem('invalid_request', 'code_challenge_method was sent without a code_challenge');
      // RFC 9700 §2.1.1: public clients MUST use PKCE; their code is otherwise usable by whoever intercepts it.
      return client.type === 'PUBLIC'
        ? problem('invalid_request', 'a public client must send a PKCE code_challenge with code_challenge_method=S256 (RFC 7636)')
        : undefined;
    }
    // RFC 7636 §4.3: a challenge without a method is plain.
    const m = method ?? 'plain';
    if (m !== 'S256' && m !== 'plain') return problem('invalid_request', `code_challenge_method ${m} is not supported: use S256`);
    if (m === 'plain' && client.type === 'PUBLIC')
      return problem('invalid_request', 'a public client must use code_challenge_method=S256: a plain challenge protects nothing once the request is seen');
    const valid = m === 'S256' ? /^[A-Za-z0-9_-]{43}$/.test(challenge) : /^[A-Za-z0-9\-._~]{43,128}$/.test(challenge);
    return valid
      ? undefined
      : problem(
          'invalid_request',
          m === 'S256'
            ? 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters, RFC 7636 §4.2)'
            : 'code_challenge must be 43 to 128 unreserved characters (RFC 7636 §4.2)',
        );
  },
  function resource(params) {
    const value = params.get('resource');
    if (value === null) return undefined;
    if (value.length > MAX_RESOURCE_LENGTH) return problem('invalid_target', `resource is longer than ${MAX_RESOURCE_LENGTH} characters`);
    // RFC 8707 §2: an absolute URI without a fragment.
    return URL.canParse(value) && !value.includes('#')
      ? undefined
      : problem('invalid_target', 'resource must be an absolute URI without a fragment (RFC 8707)');
  },
];

/**
 * The authorization endpoint (RFC 6749 §4.1.1–4.1.2, PKCE per RFC 7636 and RFC 9700, `iss` per
 * RFC 9207). A GET (or a form POST without `request_id`) is an authorization request: checked,
 * kept under a single-use id, answered with the login page. A form POST with `request_id` is that
 * page's sign-in: a code (or access_denied) goes back to the client's redirect URI.
 */
export async function authorizeEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  if (req.method !== 'POST') return authorizationRequest(req.query, req, core);
  const form = formOf(req);
  if (!form) return refused(req, core, 'invalid_request', 'the authorization endpoint takes an application/x-www-form-urlencoded body');
  return form.has('request_id') ? signIn(form, req, core) : authorizationRequest(form, req, core);
}

async function authorizationRequest(params: URLSearchParams, req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  // RFC 6749 §4.1.2.1: until the client and its redirect URI are known good, nothing is redirected.
  const twice = repeated(params);
  if (twice) return refused(req, core, 'invalid_request', `parameter ${twice} appears more than once`);
  const clientId = params.get('client_id');
  if (!clientId) return refused(req, core, 'invalid_request', 'client_id is required');
  if (clientId.length > MAX_CLIENT_ID_LENGTH && !core.clients.isFixed(clientId))
    return refused(req, core, 'invalid_client', `client_id is longer than ${MAX_CLIENT_ID_LENGTH} characters: no client has such an id`);
  const client = await core.clients.get(clientId);
  if (!client) return refused(req, core, 'invalid_client', `there is no client with client_id ${clientId}`);
  const target = redirectTarget(client, params.get('redirect_uri'));
  if (typeof target === 'string') return refused(req, core, 'invalid_request', target);

  const asked = params.get('state') ?? undefined;
  // Too long to keep or send back: the error goes back without it.
  const state = asked !== undefined && asked.length > MAX_STATE_LENGTH ? undefined : asked;
  const back = (p: Problem) => redirect(target.uri, { error: p.error, error_description: p.description, state, iss: req.issuer }, 302);
  if (asked !== state) return back(problem('invalid_request', `state is longer than ${MAX_STATE_LENGTH} characters`));
  for (const check of CHECKS) {
    const found = check(params, client);
    if (found) return back(found);
  }
  const scope = resolveScope(params.get('scope'), client, core.settings);
  if (!scope.ok) return back(problem('invalid_scope', scope.description));
  const challenge = params.get('code_challenge');
  const request: AuthorizationRequest = {
    clientId,
    redirectUri: target.uri,
    redirectUriGiven: target.given,
    scope: scope.scope,
    ...(state !== undefined ? { state } : {}),
    ...(challenge !== null ? { codeChallenge: challenge, codeChallengeMethod: (params.get('code_challenge_method') ?? 'plain') as 'S256' | 'plain' } : {}),
    ...(params.get('resource') !== null ? { resource: params.get('resource')! } : {}),
  };
  return login(req, core, client, request);
}

async function signIn(form: URLSearchParams, req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const twice = repeated(form);
  if (twice) return refused(req, core, 'invalid_request', `parameter ${twice} appears more than once`);
  // Taken, not read: a form posts once, and one never loaded cannot be posted at all (CSRF).
  const pending = await core.pending.take(form.get('request_id')!);
  if (!pending) return refused(req, core, 'invalid_request', 'this sign-in form has expired or was already sent: go back to the application and start again');
  const client = await core.clients.get(pending.clientId);
  if (!client || typeof redirectTarget(client, pending.redirectUri) === 'string') {
    return refused(req, core, 'invalid_request', 'the client of this request changed while you were signing in: go back to the application and start again');
  }
  // RFC 9700 §4.12: 303 after a POST, so the browser does not post the credentials on to the client.
  const back = (params: Record<string, string | undefined>) => redirect(pending.redirectUri, { ...params, state: pending.state, iss: req.issuer }, 303);
  if (form.get('action') === 'cancel') return back({ error: 'access_denied', error_description: 'the resource owner denied the request' });

  const owners = core.settings.resourceOwners;
  if (!owners) return login(req, core, client, pending, 'This provider has no resource owners configured: nobody can sign in.');
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  if (!username || !password) return login(req, core, client, pending, 'Enter your username and password.');
  const owner = await core.pending.signIn(owners, username, password);
  if (!owner) return login(req, core, client, pending, INVALID_LOGIN);
  const code = await core.codes.create({
    clientId: client.clientId,
    scope: pending.scope,
    username: owner.username,
    roles: owner.roles,
    redirectUri: pending.redirectUri,
    redirectUriGiven: pending.redirectUriGiven,
    ...(pending.codeChallenge !== undefined ? { codeChallenge: pending.codeChallenge, codeChallengeMethod: pending.codeChallengeMethod } : {}),
    ...(pending.resource !== undefined ? { resource: pending.resource } : {}),
  });
  return back({ code });
}

/** The login page, for a request kept under a new single-use id. */
async function login(req: OAuthRequest, core: ProviderCore, client: Client, request: AuthorizationRequest, error?: string): Promise<ResponseSpec> {
  const { settings } = core;
  const requestId = await core.pending.put(request);
  const template = settings.authorization.loginPage;
  // A path, not a URL: the form posts to where the page came from, whatever host the browser used.
  const action = `${new URL(req.issuer).pathname.replace(/\/$/, '')}${settings.authorization.path}`;
  const html = loginPage(
    {
      providerName: settings.providerName,
      clientName: client.clientName ?? client.clientId,
      scope: request.scope,
      requestId,
      action,
      ...(error ? { error } : {}),
    },
    template,
  );
  return {
    status: 200,
    headers: { ...PAGE_HEADERS, ...(template === undefined ? { 'Content-Security-Policy': BUILT_IN_CSP } : {}) },
    body: html,
    mediaType: 'text/html; charset=utf-8',
  };
}

/** A request that cannot go back to the client: 400, as a page (or JSON when the caller asks for it). */
function refused(req: OAuthRequest, core: ProviderCore, error: AuthorizeError, description: string): ResponseSpec {
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/json') && !accept.includes('text/html')) {
    return { status: 400, headers: PAGE_HEADERS, body: { error, error_description: errorDescription(description) }, mediaType: 'application/json' };
  }
  return {
    status: 400,
    headers: { ...PAGE_HEADERS, 'Content-Security-Policy': BUILT_IN_CSP },
    body: errorPage(core.settings.providerName, description),
    mediaType: 'text/html; charset=utf-8',
  };
}

/** The response at the client's redirect URI, its own query kept (RFC 6749 §3.1.2). */
function redirect(uri: string, params: Record<string, string | undefined>, status: 302 | 303): ResponseSpec {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, k === 'error_description' ? errorDescription(v) : v);
  const joiner = !uri.includes('?') ? '?' : /[?&]$/.test(uri) ? '' : '&';
  return {
    status,
    headers: { Location: `${uri}${joiner}${query.toString()}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    body: undefined,
  };
}
