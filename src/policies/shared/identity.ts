import { FlowrtError } from '../../errors/flowrt-error.js';
/**
 * What identity-aware policies may ask of the API manager: the API's client provider (an
 * external IdP, or "key manager") and the client applications with a contract for the API.
 */

/** An RFC 7662 introspection answer; `active` false for anything not currently valid. */
export interface Introspection {
  readonly active: boolean;
  readonly [claim: string]: unknown;
}

/** The IdP could not be reached or answered something unusable: policies fail closed (503). */
export class IdpUnavailableError extends FlowrtError<'idp-unavailable'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('idp-unavailable', message, options);
  }
}

/**
 * A client provider from api-manager.yaml: endpoints from OIDC / RFC 8414 discovery (or given
 * explicitly), fetched with timeouts, cached and refreshed. Every method throws
 * IdpUnavailableError rather than guessing when the IdP cannot answer.
 */
export interface ClientProvider {
  readonly name: string;
  /** The issuer discovery announced (or the configured one). */
  issuer(): Promise<string>;
  /** The JWKS URL, for jwt-validation to take keys from. */
  jwksUri(): Promise<string>;
  /** RFC 7662 introspection with the provider's introspection client credentials. */
  introspect(token: string): Promise<Introspection>;
  /** Whether the provider has an RFC 7591 registration endpoint. */
  canRegister(): Promise<boolean>;
  /** RFC 7591 registration with the provider's registration authorization; the IdP's answer. */
  register(metadata: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A client application's approved contract for one API. */
export interface Contract {
  readonly application: string;
  readonly clientId: string;
  readonly tier?: string;
  /** sha256 (hex) of the client secret, for client-id-enforcement; absent for IdP-registered clients. */
  readonly clientSecretHash?: string;
}

/** The approved contracts of one API, by client id. */
export interface Contracts {
  find(clientId: string): Contract | undefined;
}
