/** Namespace URIs flowrt understands, by canonical prefix. Resolution is by URI, never by the written prefix. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  core: 'http://www.mulesoft.org/schema/mule/core',
  http: 'http://www.mulesoft.org/schema/mule/http',
  ee: 'http://www.mulesoft.org/schema/mule/ee/core',
  doc: 'http://www.mulesoft.org/schema/mule/documentation',
  'api-gateway': 'http://www.mulesoft.org/schema/mule/api-gateway',
  validation: 'http://www.mulesoft.org/schema/mule/validation',
  json: 'http://www.mulesoft.org/schema/mule/json',
  oauth: 'http://www.mulesoft.org/schema/mule/oauth',
  'oauth2-provider': 'http://www.mulesoft.org/schema/mule/oauth2-provider',
  tls: 'http://www.mulesoft.org/schema/mule/tls',
  'secure-properties': 'http://www.mulesoft.org/schema/mule/secure-properties',
  vm: 'http://www.mulesoft.org/schema/mule/vm',
  os: 'http://www.mulesoft.org/schema/mule/os',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

const BY_URI = new Map(Object.entries(NAMESPACES).map(([prefix, uri]) => [normalize(uri), prefix]));
const MULE_MODULE = /^https?:\/\/www\.mulesoft\.org\/schema\/mule\/([^/]+(?:\/[^/]+)?)\/?$/;

export type NamespaceKind =
  | { kind: 'known'; prefix: string }
  /** A Mule module flowrt does not implement (db, file, vm …): reported as not supported yet. */
  | { kind: 'mule-module'; module: string }
  | { kind: 'foreign' };

export function classifyNamespace(uri: string): NamespaceKind {
  const prefix = BY_URI.get(normalize(uri));
  if (prefix) return { kind: 'known', prefix };
  const m = MULE_MODULE.exec(uri.trim());
  if (m) return { kind: 'mule-module', module: m[1]!.replace(/^mule-/, '').replace(/\/core$/, '') };
  return { kind: 'foreign' };
}

function normalize(uri: string): string {
  return uri
    .trim()
    .replace(/^https:/, 'http:')
    .replace(/\/$/, '');
}
