import { randomBytes, randomUUID } from 'node:crypto';
import { secretHash } from '../policies/client-id-enforcement/secret.js';
import type { ClientProvider } from '../policies/shared/identity.js';
import { IdpUnavailableError } from '../policies/shared/identity.js';
import { ApplicationError } from './application-error.js';

/** A new application's credentials: the secret to show once, and what the document keeps. */
export interface IssuedCredentials {
  readonly clientId: string;
  /** Shown once to whoever created the application; never stored. */
  readonly secret?: string;
  /** sha256 hex of `secret`, when flowrt issued it. */
  readonly hash?: string;
  /** The client provider that registered the client, when one did. */
  readonly provider?: string;
}

/**
 * Credentials for a new application of an API: registered at the API's client provider when it
 * can register clients (RFC 7591), else issued here — a random client id and a 256-bit secret.
 * An API whose client provider this runtime does not have gets none: local credentials would
 * make a client the API's IdP knows nothing of.
 */
export async function issueCredentials(
  name: string,
  providerName: string | undefined,
  providerOf: (name: string) => ClientProvider | undefined,
): Promise<IssuedCredentials> {
  if (providerName !== undefined) {
    const provider = providerOf(providerName);
    if (!provider) throw new ApplicationError('temporarily_unavailable', `client provider ${providerName} is not available in this runtime`);
    if (await idp(providerName, () => provider.canRegister())) return { ...(await register(provider, name)), provider: providerName };
  }
  const secret = randomBytes(32).toString('base64url');
  return { clientId: randomUUID(), secret, hash: secretHash(secret) };
}

/**
 * RFC 7591 §3.1: the client a machine-to-machine caller needs; the IdP's secret is handed on,
 * never kept. §2 defaults response_types to ["code"], which a client_credentials-only client must
 * not have (§2.1: grant and response types consistent), so both empty lists are said outright.
 */
async function register(provider: ClientProvider, name: string): Promise<{ clientId: string; secret?: string }> {
  const metadata = {
    client_name: name,
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    response_types: [],
    redirect_uris: [],
  };
  const answer = await idp(provider.name, () => provider.register(metadata));
  const clientId = answer.client_id;
  if (typeof clientId !== 'string' || clientId === '')
    throw new ApplicationError('bad_gateway', `client provider ${provider.name} registered the client but answered no client_id`);
  return { clientId, ...(typeof answer.client_secret === 'string' ? { secret: answer.client_secret } : {}) };
}

/** A call to the IdP: unreachable is 503 (try again later), anything else it answered is 502. */
async function idp<T>(providerName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    // A provider's IdpUnavailableError names the provider and what failed.
    if (e instanceof IdpUnavailableError) throw new ApplicationError('temporarily_unavailable', e.message);
    throw new ApplicationError('bad_gateway', `client provider ${providerName} refused the registration: ${(e as Error).message}`);
  }
}
