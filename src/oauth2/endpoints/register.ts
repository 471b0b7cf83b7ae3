import { randomUUID } from 'node:crypto';
import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import type { Metadata, MetadataError } from '../registration-metadata.js';
import { jsonBody, readMetadata } from '../registration-metadata.js';
import type { OAuthRequest } from '../request.js';
import { errorDescription, json } from '../responses.js';
import { digest, matchesDigest, newSecret } from '../secrets.js';
import type { Client, ProviderSettings } from '../settings.js';

/**
 * Dynamic client registration (RFC 7591 §3): an initial access token (§3, RFC 6750 Bearer),
 * within the provider's registrations per minute, a JSON body of client metadata checked against
 * what this provider supports and within flowrt's bounds (registration-metadata.ts), then a new
 * client with a random id and, unless it authenticates with `none` (a public client), a random
 * secret that is shown once and stored hashed, unless the provider holds its maximum of
 * registered clients already.
 */
export async function registerEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const unauthorized = initialTokenRefusal(req, core.settings);
  if (unauthorized) return unauthorized;
  // Counted before the body is looked at: a caller sending bad metadata in a loop is slowed down too.
  const wait = await core.registrations.attempt();
  if (wait !== undefined) return tooManyRegistrations(wait, core.settings);
  const body = jsonBody(req);
  if (!body.ok) return metadataError(body.error, body.description);
  const meta = readMetadata(body.value, core.settings);
  if (!meta.ok) return metadataError(meta.error, meta.description);
  const m = meta.value;
  const secret = m.authMethod === 'none' ? undefined : newSecret();
  const client = newClient(m, secret);
  if (!(await core.clients.register(client, core.settings.registration.maxClients))) return registrationClosed(core.settings);
  // §3.2.1: the registered metadata, the server's defaults included; client_secret_expires_at 0 = never.
  return json(201, {
    client_id: client.clientId,
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

function newClient(m: Metadata, secret: string | undefined): Client {
  return {
    clientId: randomUUID(),
    ...(secret ? { secretHash: digest(secret) } : {}),
    ...(m.clientName !== undefined ? { clientName: m.clientName } : {}),
    type: secret ? 'CONFIDENTIAL' : 'PUBLIC',
    redirectUris: m.redirectUris,
    grantTypes: m.grantTypes,
    scopes: m.scope,
  };
}

/**
 * The initial access token, compared in constant time with the configured one's digest. RFC 6750
 * §3.1: a request without credentials gets a bare challenge, a wrong token `invalid_token`.
 */
function initialTokenRefusal(req: OAuthRequest, settings: ProviderSettings): ResponseSpec | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match && settings.registrationTokenHash && matchesDigest(match[1]!, settings.registrationTokenHash)) return undefined;
  if (!req.headers.authorization) {
    return json(
      401,
      { error: 'invalid_token', error_description: 'registration needs an initial access token: Authorization: Bearer <token>' },
      { 'WWW-Authenticate': 'Bearer realm="oauth2"' },
    );
  }
  return json(
    401,
    { error: 'invalid_token', error_description: 'the initial access token is not valid' },
    { 'WWW-Authenticate': 'Bearer realm="oauth2", error="invalid_token"' },
  );
}

function metadataError(error: MetadataError, description: string): ResponseSpec {
  return json(400, { error, error_description: errorDescription(description) });
}

/** 429 (RFC 6585 §4) with `Retry-After`: the caller may come back once the minute is over. */
function tooManyRegistrations(retryAfterSeconds: number, settings: ProviderSettings): ResponseSpec {
  const description = `too many registrations: this provider accepts ${settings.registration.perMinute} a minute; retry in ${retryAfterSeconds} s`;
  return json(429, { error: 'temporarily_unavailable', error_description: description }, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * 403 when the provider holds `maxRegisteredClients` already. Not RFC 7591's 400
 * invalid_client_metadata (nothing is wrong with the metadata, and no change to it would help),
 * nor 429 or 503 (waiting does not help either: an operator must delete clients or raise the
 * limit): the server understood the request and refuses it (RFC 9110 §15.5.4), as Keycloak's
 * registration policies answer.
 */
function registrationClosed(settings: ProviderSettings): ResponseSpec {
  return json(403, {
    error: 'access_denied',
    error_description: `registration is closed: this provider holds its maximum of ${settings.registration.maxClients} registered clients`,
  });
}
