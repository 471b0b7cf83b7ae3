import type { ClientRegistry } from './clients.js';
import type { CodeStore } from './codes.js';
import type { PendingAuthorizations } from './pending.js';
import type { RegistrationRate } from './registration-rate.js';
import type { ProviderSettings } from './settings.js';
import type { AccessTokenSigner, TokenService } from './tokens.js';

/** What the endpoints, grants and operations of one provider share. */
export interface ProviderCore {
  readonly settings: ProviderSettings;
  readonly clients: ClientRegistry;
  readonly tokens: TokenService;
  readonly codes: CodeStore;
  /** Authorization requests waiting for their login form, and failed sign-ins. */
  readonly pending: PendingAuthorizations;
  /** RFC 7591 registrations per minute (`registrationsPerMinute`). */
  readonly registrations: RegistrationRate;
  /** Present when access tokens are JWTs: it signs them and serves the JWKS. */
  readonly signer?: AccessTokenSigner;
}
