import { PolicyConfigError } from '../shared/policy.js';
import { DEFAULT_METHODS } from './schema.js';

/** The configuration as `CORS_SCHEMA` admits it. */
interface RawGroup {
  origins?: string[];
  accessControlMaxAge?: number | string;
  allowedMethods?: Array<{ methodName: string; isAllowed?: boolean }>;
  headers?: string[];
  exposedHeaders?: string[];
}
interface RawConfig {
  publicResource?: boolean;
  supportCredentials?: boolean;
  originGroups?: RawGroup[];
}

/** One origin group, ready to answer: origins normalized, names lower-cased, methods upper-cased. */
export interface OriginGroup {
  /** `*` among the origins: any origin. */
  readonly anyOrigin: boolean;
  readonly origins: ReadonlySet<string>;
  readonly maxAge: number;
  readonly methods: readonly string[];
  readonly headers: ReadonlySet<string>;
  readonly exposedHeaders: readonly string[];
}

export interface CorsConfig {
  readonly publicResource: boolean;
  readonly supportCredentials: boolean;
  /** Empty for a public resource: Anypoint ignores the groups then. */
  readonly groups: readonly OriginGroup[];
}

export function corsConfig(raw: Readonly<Record<string, unknown>>): CorsConfig {
  const c = raw as RawConfig;
  const publicResource = c.publicResource ?? true;
  const groups = publicResource ? [] : (c.originGroups ?? []).map((g, i) => group(g, `/originGroups/${i}`));
  return Object.freeze({ publicResource, supportCredentials: c.supportCredentials ?? false, groups: Object.freeze(groups) });
}

function group(g: RawGroup, at: string): OriginGroup {
  const origins = g.origins ?? [];
  const named = new Set<string>();
  origins.forEach((o, i) => {
    if (o !== '*') named.add(configuredOrigin(o, `${at}/origins/${i}`));
  });
  const allowed = g.allowedMethods?.filter((m) => m.isAllowed ?? true).map((m) => m.methodName.toUpperCase());
  return Object.freeze({
    anyOrigin: origins.includes('*'),
    origins: named,
    maxAge: Number(g.accessControlMaxAge ?? 30),
    methods: Object.freeze([...new Set(allowed ?? DEFAULT_METHODS)]),
    headers: new Set((g.headers ?? []).map((h) => h.trim().toLowerCase())),
    exposedHeaders: Object.freeze((g.exposedHeaders ?? []).map((h) => h.trim())),
  });
}

function configuredOrigin(text: string, at: string): string {
  const origin = originOf(text);
  if (origin === undefined) throw new PolicyConfigError(`"${text}" is not an origin: write scheme://host[:port], e.g. https://app.example.com`, at);
  return origin;
}

/**
 * An origin as RFC 6454 §6.2 serializes it (scheme and host lower-case, default port dropped), so
 * `https://App.example.com:443` in the configuration matches what a browser sends; `null` (an
 * opaque origin) and anything that is not a URL have none.
 */
export function originOf(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (!url.host) return undefined;
  // Only http(s), ws(s) and ftp have a tuple origin for the URL parser; others (app schemes) keep scheme://host.
  return url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
}
