/** Where a policy applies within its API: method and path regexes, as API Manager's resource-level policies. */
export interface PointcutSpec {
  readonly methodRegex?: string;
  readonly uriTemplateRegex?: string;
}

export interface PolicySpec {
  /** The policy kind, e.g. `jwt-validation`. */
  readonly id: string;
  /** Identifies this application of the policy within its API (admin API paths); defaults to `id`. */
  readonly name?: string;
  readonly order?: number;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly pointcut?: readonly PointcutSpec[];
}

/** An SLA tier of an API (Anypoint's "SLA tiers"): the limits rate-limiting-sla-based enforces for contracts naming it. */
export interface TierSpec {
  readonly name: string;
  readonly limits: ReadonlyArray<{ readonly maximumRequests: number; readonly timePeriodInMilliseconds: number }>;
  /** Anypoint approves contract requests for the tier at once; recorded, flowrt's contracts are approved when created. */
  readonly autoApprove?: boolean;
}

export interface ApiSpec {
  readonly apiId: string;
  readonly anypointCompat?: boolean;
  /** The client provider (key manager) whose tokens and clients this API accepts. */
  readonly clientProvider?: string;
  readonly policies?: readonly PolicySpec[];
  readonly tiers?: readonly TierSpec[];
}

/** An external IdP: endpoints from discovery unless given. Secrets may be `${ENV_VAR}` references. */
export interface ClientProviderSpec {
  readonly name: string;
  /** `flowrt`: the app's own `<oauth2-provider:config>` named by `providerConfig`, checked in process. */
  readonly type: 'openid-connect' | 'oauth2' | 'flowrt';
  readonly providerConfig?: string;
  readonly discoveryUrl?: string;
  readonly issuer?: string;
  readonly jwksUrl?: string;
  readonly introspectionUrl?: string;
  readonly registrationUrl?: string;
  readonly introspectionClientId?: string;
  readonly introspectionClientSecret?: string;
  /** The initial access token of RFC 7591 registration. */
  readonly registrationAuthorization?: string;
  /** Connect and answer timeout of every call to the IdP, ms (default 5000). */
  readonly timeoutMs?: number;
  /** How long discovery metadata is kept before it is fetched again, s (default 3600). */
  readonly metadataTtlSeconds?: number;
}

export interface ContractSpec {
  readonly apiId: string | number;
  readonly tier?: string;
  /** Only approved contracts let a client in (Exchange's request access, approved). */
  readonly status?: 'approved' | 'revoked';
}

/** A client application (Exchange's "request access"): its credentials and contracts. */
export interface ApplicationSpec {
  readonly name: string;
  readonly clientId: string;
  /** sha256 hex of the secret; never the secret itself. Absent for clients registered at an IdP. */
  readonly clientSecretHash?: string;
  /** The client provider that registered it, if any. */
  readonly clientProvider?: string;
  readonly description?: string;
  readonly contracts?: readonly ContractSpec[];
}

export type Gatekeeper = 'strict' | 'flexible' | 'disabled';

/** The content of api-manager.yaml. */
export interface ManagerDoc {
  readonly gatekeeper?: Gatekeeper;
  readonly anypointCompat?: boolean;
  readonly clientProviders?: readonly ClientProviderSpec[];
  readonly apis?: readonly ApiSpec[];
  readonly applications?: readonly ApplicationSpec[];
}

export const policyName = (p: PolicySpec): string => p.name ?? p.id;
