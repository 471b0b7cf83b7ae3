import { randomUUID } from 'node:crypto';
import type { ResponseSpec } from '../../http/response.js';
import { redirectUriProblem } from '../client-rules.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import { json } from '../responses.js';
import { parseScope } from '../scope.js';
import { digest, matchesDigest, newSecret } from '../secrets.js';
import type { Client, GrantType, ProviderSettings } from '../settings.js';

type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';
const AUTH_METHODS: readonly AuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];

/** RFC 7591 §3.2.2 error codes. */
type MetadataError = 'invalid_redirect_uri' | 'invalid_client_metadata';

interface Metadata {
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly GrantType[];
  readonly responseTypes: readonly string[];
  readonly authMethod: AuthMethod;
  readonly clientName?: string;
  readonly scope: readonly string[];
}

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MetadataError; readonly description: string };

/**
 * Dynamic client registration (RFC 7591 §3): an initial access token (§3, RFC 6750 Bearer), a
 * JSON body of client metadata checked against what this provider supports, then a new client
 * with a random id and, unless it authenticates with `none` (a public client), a random secret
 * that is shown once and stored hashed.
 */
export async function registerEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const unauthorized = initialTokenRefusal(req, core.settings);
  if (unauthorized) return unauthorized;
  const body = jsonBody(req);
  if (!body.ok) return metadataError(body.error, body.description);
  const meta = readMetadata(body.value, core.settings);
  if (!meta.ok) return metadataError(meta.error, meta.description);
  const m = meta.value;
  const clientId = randomUUID();
  const secret = m.authMethod === 'none' ? undefined : newSecret();
  const client: Client = {
    clientId,
    ...(secret ? { secretHash: digest(secret) } : {}),
    ...(m.clientName !== undefined ? { clientName: m.clientName } : {}),
    type: secret ? 'CONFIDENTIAL' : 'PUBLIC',
    redirectUris: m.redirectUris,
    grantTypes: m.grantTypes,
    scopes: m.scope,
  };
  await core.clients.put(client);
  // §3.2.1: the registered metadata, the server's defaults included; client_secret_expires_at 0 = never.
  return json(201, {
    client_id: clientId,
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
    client_id_issued_at: Math.floor(Date.now() / 1000),
    redirect_uris: m.redirectUris,
    grant_types: m.grantTypes,
    response_types: m.responseTypes,
    token_endpoint_auth_method: m.authMethod,
    ...(m.clientName !== undefined ? { client_name: m.clientName } : {}),
    ...(m.scope.length > 0 ? { scope: m.scope.join(' ') } : {}),
  });
}

/**
 * The initial access token, compared in constant time with the configured one's digest. RFC 6750
 * §3.1: a request without credentials gets a bare challenge, a wrong token `invalid_token`.
 */
function initialTokenRefusal(req: OAuthRequest, settings: ProviderSettings): ResponseSpec | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match && settings.registrationTokenHash && matchesDigest(match[1]!, settings.registrationTokenHash)) return undefined;
  if (!req.headers.authorization) {
    return json(401, { error: 'invalid_token', error_description: 'registration needs an initial access token: Authorization: Bearer <token>' }, { 'WWW-Authenticate': 'Bearer realm="oauth2"' });
  }
  return json(401, { error: 'invalid_token', error_description: 'the initial access token is not valid' }, { 'WWW-Authenticate': 'Bearer realm="oauth2", error="invalid_token"' });
}

function metadataError(error: MetadataError, description: string): ResponseSpec {
  return json(400, { error, error_description: description });
}

/** RFC 7591 §3.1: the metadata is a JSON object sent as application/json. */
function jsonBody(req: OAuthRequest): Read<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return invalid('the registration endpoint takes an application/json body');
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    return invalid('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('the body must be a JSON object of client metadata');
  return { ok: true, value: value as Record<string, unknown> };
}

/** The metadata this provider understands (RFC 7591 §2: the rest is ignored), with its defaults. */
function readMetadata(body: Record<string, unknown>, settings: ProviderSettings): Read<Metadata> {
  const grantNames = strings(body, 'grant_types');
  if (!grantNames.ok) return grantNames;
  const grantTypes = [...new Set(grantNames.value ?? ['authorization_code'])];
  const unsupported = grantTypes.filter((g) => !settings.grantTypes.has(g as GrantType));
  if (unsupported.length > 0) return invalid(`grant type ${unsupported.join(', ')} is not supported by this provider (it supports ${[...settings.grantTypes].join(', ')})`);
  const withCode = grantTypes.includes('authorization_code');

  const responseNames = strings(body, 'response_types');
  if (!responseNames.ok) return responseNames;
  const responseTypes = [...new Set(responseNames.value ?? (withCode ? ['code'] : []))];
  if (responseTypes.some((r) => r !== 'code')) return invalid('the only response type supported is code (the implicit grant is not, RFC 9700 §2.1.2)');
  // §2.1: grant_types and response_types must agree.
  if (withCode !== responseTypes.includes('code')) return invalid('response type code goes with grant type authorization_code, and only with it');

  const uris = strings(body, 'redirect_uris');
  if (!uris.ok) return { ok: false, error: 'invalid_redirect_uri', description: uris.description };
  const redirectUris = uris.value ?? [];
  if (withCode && redirectUris.length === 0) return { ok: false, error: 'invalid_redirect_uri', description: 'redirect_uris is required for the authorization_code grant' };
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) return { ok: false, error: 'invalid_redirect_uri', description: problem };
  }

  const method = body.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!AUTH_METHODS.includes(method as AuthMethod)) return invalid(`token_endpoint_auth_method must be one of ${AUTH_METHODS.join(', ')}`);
  if (method === 'none' && grantTypes.includes('client_credentials')) return invalid('a public client (token_endpoint_auth_method none) cannot use client_credentials');

  if (body.client_name !== undefined && typeof body.client_name !== 'string') return invalid('client_name must be a string');
  if (body.scope !== undefined && typeof body.scope !== 'string') return invalid('scope must be a string of space-separated scopes');
  const scope = parseScope(body.scope as string | undefined);
  if (scope === undefined) return invalid('scope is not a space-separated list of scope tokens');
  const unknown = scope.filter((s) => !settings.scopes.has(s));
  if (unknown.length > 0) return invalid(`scope ${unknown.join(', ')} is not one of this provider's scopes`);

  return {
    ok: true,
    value: {
      redirectUris,
      grantTypes: grantTypes as GrantType[],
      responseTypes,
      authMethod: method as AuthMethod,
      ...(body.client_name !== undefined ? { clientName: body.client_name as string } : {}),
      scope,
    },
  };
}

/** An optional array-of-strings member. */
function strings(body: Record<string, unknown>, name: string): Read<string[] | undefined> {
  const value = body[name];
  if (value === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return invalid(`${name} must be an array of strings`);
  return { ok: true, value: value as string[] };
}

function invalid(description: string): { ok: false; error: MetadataError; description: string } {
  return { ok: false, error: 'invalid_client_metadata', description };
}
