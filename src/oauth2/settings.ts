/** The grants flowrt's provider implements, by their RFC 6749 names. */
export type GrantType = 'authorization_code' | 'client_credentials' | 'password' | 'refresh_token';

/** Mule's refresh-token strategies: none, one per grant, or rotated on every use (RFC 9700 §4.14.2). */
export type RefreshStrategy = 'none' | 'single' | 'multiple';

export type ClientType = 'CONFIDENTIAL' | 'PUBLIC';

/** A registered client, as configured, created by an operation or registered dynamically. */
export interface Client {
  readonly clientId: string;
  /** sha256 (hex) of the secret; absent for public clients. Secrets are never kept in clear. */
  readonly secretHash?: string;
  readonly clientName?: string;
  readonly description?: string;
  readonly principal?: string;
  readonly type: ClientType;
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly GrantType[];
  readonly scopes: readonly string[];
  /** True for a client RFC 7591 registration created: it counts against `registration.maxClients`. */
  readonly registered?: boolean;
}

/** A resource owner the password and code grants authenticate. */
export interface ResourceOwner {
  readonly username: string;
  readonly roles: readonly string[];
}

/** Where resource owners are checked: a users file or a flow (resourceOwnerSecurityProvider). */
export interface ResourceOwners {
  authenticate(username: string, password: string): Promise<ResourceOwner | undefined>;
}

export interface SigningKey {
  /** PEM (PKCS#8 private key) and the JWS algorithm it signs with. */
  readonly pem: string;
  readonly alg: string;
}

/** `<oauth2-provider:config>` as read: what every endpoint and operation works from. */
export interface ProviderSettings {
  /** The config's name: stores, logs and operations' config-ref use it. */
  readonly name: string;
  readonly providerName: string;
  /** The exact `issuer` (RFC 8414); undefined: the listener's own address and basePath. */
  readonly issuer?: string;
  /** Includes refresh_token when the refresh strategy is not none. */
  readonly grantTypes: ReadonlySet<GrantType>;
  /** The scopes the provider knows; a request for another is invalid_scope. */
  readonly scopes: ReadonlySet<string>;
  /** Granted when a request names none. */
  readonly defaultScopes: readonly string[];
  readonly token: {
    readonly path: string;
    readonly ttlSeconds: number;
    readonly format: 'opaque' | 'jwt';
    readonly refresh: RefreshStrategy;
    readonly refreshTtlSeconds: number;
    /** For JWT access tokens; generated and kept in the token store when not configured. */
    readonly signingKey?: SigningKey;
  };
  readonly authorization: {
    readonly path: string;
    /**
     * The text of a replacement login page (the config reads the app file its `loginPage` names):
     * HTML with `{{client_name}}`, `{{scope}}`, `{{request_id}}`, `{{error}}` and `{{action}}`
     * placeholders, filled in escaped. Undefined: the built-in page.
     */
    readonly loginPage?: string;
    readonly codeTtlSeconds: number;
  };
  /** Paths of the flowrt extras, relative to the listener's basePath; undefined turns one off. */
  readonly paths: {
    readonly metadata: string;
    readonly introspection?: string;
    readonly revocation?: string;
    readonly registration?: string;
    readonly jwks: string;
  };
  /** RFC 7591 registration needs this bearer token (sha256 hex); without one, registration is off. */
  readonly registrationTokenHash?: string;
  /** flowrt's bounds on RFC 7591 registration: clients it may create in all, and per minute. */
  readonly registration: { readonly maxClients: number; readonly perMinute: number };
  /** clientValidationRateLimiter: failures per client in a period, then refused even with the right secret. */
  readonly rateLimit: { readonly maxFailures: number; readonly periodMs: number };
  readonly clients: readonly Client[];
  readonly resourceOwners?: ResourceOwners;
}
