import { redirectUriProblem, unknownScopes } from './client-rules.js';
import { MAX_CLIENT_NAME_LENGTH, MAX_METADATA_LIST, MAX_REGISTRATION_BODY_BYTES, MAX_SCOPE_LENGTH } from './limits.js';
import type { OAuthRequest } from './request.js';
import { parseScope } from './scope.js';
import type { GrantType, ProviderSettings } from './settings.js';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';
const AUTH_METHODS: readonly AuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];

/** RFC 7591 §3.2.2 error codes. */
export type MetadataError = 'invalid_redirect_uri' | 'invalid_client_metadata';

/** The client metadata a registration asks for, as this provider will keep it. */
export interface Metadata {
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly GrantType[];
  readonly responseTypes: readonly string[];
  readonly authMethod: AuthMethod;
  readonly clientName?: string;
  readonly scope: readonly string[];
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MetadataError; readonly description: string };

/**
 * RFC 7591 §3.1: the metadata is a JSON object sent as application/json. The listener refuses a
 * bigger body with 413 before reading it; this holds for any other caller of the endpoint.
 */
export function jsonBody(req: OAuthRequest): Read<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return invalid('the registration endpoint takes an application/json body');
  if (req.body.length > MAX_REGISTRATION_BODY_BYTES) return invalid(`the registration request is larger than ${MAX_REGISTRATION_BODY_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    return invalid('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('the body must be a JSON object of client metadata');
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The metadata this provider understands (RFC 7591 §2: the rest is ignored, and never kept), with
 * its defaults, within flowrt's bounds (limits.ts): every value kept is of a bounded size.
 */
export function readMetadata(body: Record<string, unknown>, settings: ProviderSettings): Read<Metadata> {
  const grantNames = strings(body, 'grant_types');
  if (!grantNames.ok) return grantNames;
  const grantTypes = [...new Set(grantNames.value ?? ['authorization_code'])];
  const unsupported = grantTypes.filter((g) => !settings.grantTypes.has(g as GrantType));
  if (unsupported.length > 0)
    return invalid(`grant type ${unsupported.join(', ')} is not supported by this provider (it supports ${[...settings.grantTypes].join(', ')})`);
  const withCode = grantTypes.includes('authorization_code');

  const responseNames = strings(body, 'response_types');
  if (!responseNames.ok) return responseNames;
  const responseTypes = [...new Set(responseNames.value ?? (withCode ? ['code'] : []))];
  if (responseTypes.some((r) => r !== 'code')) return invalid('the only response type supported is code (the implicit grant is not, RFC 9700 §2.1.2)');
  // §2.1: grant_types and response_types must agree.
  if (withCode !== responseTypes.includes('code')) return invalid('response type code goes with grant type authorization_code, and only with it');

  const uris = strings(body, 'redirect_uris');
  if (!uris.ok) return { ok: false, error: 'invalid_redirect_uri', description: uris.description };
  const redirectUris = [...new Set(uris.value ?? [])];
  if (withCode && redirectUris.length === 0)
    return { ok: false, error: 'invalid_redirect_uri', description: 'redirect_uris is required for the authorization_code grant' };
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) return { ok: false, error: 'invalid_redirect_uri', description: problem };
  }

  const method = body.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!AUTH_METHODS.includes(method as AuthMethod)) return invalid(`token_endpoint_auth_method must be one of ${AUTH_METHODS.join(', ')}`);
  if (method === 'none' && grantTypes.includes('client_credentials'))
    return invalid('a public client (token_endpoint_auth_method none) cannot use client_credentials');

  const name = body.client_name;
  if (name !== undefined && typeof name !== 'string') return invalid('client_name must be a string');
  if (typeof name === 'string' && name.length > MAX_CLIENT_NAME_LENGTH) return invalid(`client_name is longer than ${MAX_CLIENT_NAME_LENGTH} characters`);
  if (body.scope !== undefined && typeof body.scope !== 'string') return invalid('scope must be a string of space-separated scopes');
  if (typeof body.scope === 'string' && body.scope.length > MAX_SCOPE_LENGTH) return invalid(`scope is longer than ${MAX_SCOPE_LENGTH} characters`);
  const scope = parseScope(body.scope as string | undefined);
  if (scope === undefined) return invalid('scope is not a space-separated list of scope tokens');
  const unknown = unknownScopes(scope, settings.scopes);
  if (unknown.length > 0) return invalid(`scope ${unknown.join(', ')} is not one of this provider's scopes`);

  return {
    ok: true,
    value: {
      redirectUris,
      grantTypes: grantTypes as GrantType[],
      responseTypes,
      authMethod: method as AuthMethod,
      ...(name !== undefined ? { clientName: name } : {}),
      scope,
    },
  };
}

/** An optional array-of-strings member, of at most {@link MAX_METADATA_LIST} entries. */
function strings(body: Record<string, unknown>, name: string): Read<string[] | undefined> {
  const value = body[name];
  if (value === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return invalid(`${name} must be an array of strings`);
  if (value.length > MAX_METADATA_LIST) return invalid(`${name} has ${value.length} entries: at most ${MAX_METADATA_LIST} are accepted`);
  return { ok: true, value: value as string[] };
}

function invalid(description: string): { ok: false; error: MetadataError; description: string } {
  return { ok: false, error: 'invalid_client_metadata', description };
}
