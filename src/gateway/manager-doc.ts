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

export interface ApiSpec {
  readonly apiId: string;
  readonly anypointCompat?: boolean;
  readonly policies?: readonly PolicySpec[];
}

export type Gatekeeper = 'strict' | 'flexible' | 'disabled';

/** The content of api-manager.yaml. */
export interface ManagerDoc {
  readonly gatekeeper?: Gatekeeper;
  readonly anypointCompat?: boolean;
  readonly apis?: readonly ApiSpec[];
}

export const policyName = (p: PolicySpec): string => p.name ?? p.id;
