import type { StoreFactory } from '../stores/store.js';
import { ClientRegistry } from './clients.js';
import { CodeStore } from './codes.js';
import type { EndpointType } from './endpoints/index.js';
import { ENDPOINTS } from './endpoints/index.js';
import { PendingAuthorizations } from './pending.js';
import type { ProviderCore } from './provider-core.js';
import { RegistrationRate } from './registration-rate.js';
import type { ProviderSettings } from './settings.js';
import { TokenService } from './tokens.js';
import { JwtSigner } from './jwt-signer.js';

/** An endpoint placed: its path and handler. */
export interface PlacedEndpoint {
  readonly type: EndpointType;
  readonly path: string;
}

/**
 * An OAuth 2.0 authorization server (Mule's OAuth2 Provider module, standards-complete): clients,
 * tokens and codes in the runtime's stores under `scope`, so they survive reloads and, on Redis,
 * restarts and other nodes. Endpoints are placed by the config that serves them.
 */
export class OAuthProvider {
  readonly core: ProviderCore;

  constructor(settings: ProviderSettings, stores: StoreFactory, scope: string, now: () => number = Date.now) {
    const open = (name: string) => stores.open(`${scope}:${name}`);
    // JWT access tokens: the signer keeps a generated key in the token store, shared like the tokens.
    const signer = settings.token.format === 'jwt' ? new JwtSigner(open('tokens'), settings.token.signingKey) : undefined;
    this.core = {
      settings,
      clients: new ClientRegistry(settings, open('clients'), open('client-failures')),
      tokens: new TokenService(settings, open('tokens'), signer, now),
      codes: new CodeStore(open('codes'), settings.authorization.codeTtlSeconds, now),
      pending: new PendingAuthorizations(open('pending')),
      registrations: new RegistrationRate(open('registrations'), settings.registration.perMinute),
      signer,
    };
  }

  endpoints(): PlacedEndpoint[] {
    const out: PlacedEndpoint[] = [];
    for (const type of ENDPOINTS) {
      const path = type.path(this.core.settings, this.core);
      if (path !== undefined) out.push({ type, path });
    }
    return out;
  }
}
