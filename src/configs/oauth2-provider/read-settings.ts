import { readGrantName } from '../../oauth2/grant-names.js';
import { redirectUriProblem, secretProblem, unknownScopes } from '../../oauth2/client-rules.js';
import { DEFAULT_MAX_REGISTERED_CLIENTS, DEFAULT_REGISTRATIONS_PER_MINUTE } from '../../oauth2/limits.js';
import { list } from '../../oauth2/lists.js';
import { digest } from '../../oauth2/secrets.js';
import type { Client, GrantType, ProviderSettings, RefreshStrategy } from '../../oauth2/settings.js';
import type { ComponentNode } from '../../spi/component.js';
import { toMs } from '../../spi/mule-parameters.js';

function grants(node: ComponentNode, attr: string, values: readonly string[]): GrantType[] {
  const out: GrantType[] = [];
  for (const raw of values) {
    const read = readGrantName(raw);
    if (read.ok) out.push(read.grant);
    else node.error('unknown-grant-type', read.message, read.hint, node.element.attrs.get(attr)?.valueLoc);
  }
  return [...new Set(out)];
}

/** One configured client: secrets hashed at once, lists from attributes and child elements alike. */
function readClient(node: ComponentNode, providerScopes: ReadonlySet<string>): Client | undefined {
  const clientId = node.literal('clientId');
  if (!clientId) return undefined;
  const type = (node.literal('type') ?? 'CONFIDENTIAL') as Client['type'];
  const secret = node.literal('secret');
  const items = (wrapper: string, item: string, attr: string) => [
    ...list(node.literal(attr)),
    ...(
      node
        .child(wrapper)
        ?.children(item)
        .map((c) => c.literal('value') ?? '') ?? []
    ).filter(Boolean),
  ];
  const redirectUris = items('oauth2-provider:client-redirect-uris', 'oauth2-provider:client-redirect-uri', 'redirectUris');
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) node.error('invalid-redirect-uri', problem, undefined, node.element.attrs.get('redirectUris')?.valueLoc);
  }
  const scopes = items('oauth2-provider:client-scopes', 'oauth2-provider:client-scope', 'scopes');
  for (const s of unknownScopes(scopes, providerScopes))
    node.error('unknown-scope', `client ${clientId} has scope "${s}", which the provider's scopes do not list`);
  const secretIssue = secretProblem(clientId, type, Boolean(secret));
  if (secretIssue && type === 'CONFIDENTIAL')
    node.error('confidential-client-without-secret', secretIssue, 'add secret="…", or make it type="PUBLIC" (then it must use PKCE)');
  else if (secretIssue) node.error('public-client-with-secret', secretIssue);
  return {
    clientId,
    ...(secret ? { secretHash: digest(secret) } : {}),
    ...(node.literal('clientName') ? { clientName: node.literal('clientName') } : {}),
    ...(node.literal('description') ? { description: node.literal('description') } : {}),
    ...(node.literal('principal') ? { principal: node.literal('principal') } : {}),
    type,
    redirectUris,
    grantTypes: grants(
      node,
      'authorizedGrantTypes',
      items('oauth2-provider:client-authorized-grant-types', 'oauth2-provider:client-authorized-grant-type', 'authorizedGrantTypes'),
    ),
    scopes,
  };
}

/** `<oauth2-provider:config>` read into settings; problems are located diagnostics. */
export function readSettings(
  node: ComponentNode,
): (Omit<ProviderSettings, 'resourceOwners' | 'token'> & { token: Omit<ProviderSettings['token'], 'signingKey'> }) | undefined {
  const name = node.literal('name');
  if (!name) return undefined;
  const scopes = new Set(list(node.literal('scopes')));
  const defaultScopes = list(node.literal('defaultScopes'));
  for (const s of defaultScopes)
    if (!scopes.has(s))
      node.error('unknown-scope', `default scope "${s}" is not one of the provider's scopes`, undefined, node.element.attrs.get('defaultScopes')?.valueLoc);

  const tokenNode = node.child('oauth2-provider:token-config');
  const strategyNode = tokenNode?.child('oauth2-provider:refresh-token-strategy');
  const refresh: RefreshStrategy = strategyNode?.child('oauth2-provider:multiple-refresh-tokens')
    ? 'multiple'
    : strategyNode?.child('oauth2-provider:single-refresh-token')
      ? 'single'
      : 'none';
  const tokenTtlMs = toMs(tokenNode?.int('tokenTtl') ?? 86_400, tokenNode?.literal('tokenTtlTimeUnit'));
  if (tokenTtlMs < 1000) tokenNode?.error('value-below-minimum', 'tokenTtl must be at least one second');

  const authNode = node.child('oauth2-provider:authorization-config');
  const codeTtlMs =
    authNode?.int('codeTtl') !== undefined
      ? authNode.int('codeTtl')! * 1000
      : toMs(authNode?.int('authorizationCodeTtl') ?? 600, authNode?.literal('authorizationCodeTtlTimeUnit'));

  const limiter = node.child('oauth2-provider:client-validation-rate-limiter')?.child('oauth2-provider:period-rate-limiter');
  const supported = grants(node, 'supportedGrantTypes', list(node.literal('supportedGrantTypes') ?? 'AUTHORIZATION_CODE'));
  const grantTypes = new Set(supported);
  if (refresh !== 'none') grantTypes.add('refresh_token');

  const clients: Client[] = [];
  for (const c of node.child('oauth2-provider:clients')?.children('oauth2-provider:client') ?? []) {
    const client = readClient(c, scopes);
    if (!client) continue;
    if (clients.some((x) => x.clientId === client.clientId)) c.error('duplicate-client', `client ${client.clientId} is defined twice`);
    for (const g of client.grantTypes)
      if (!grantTypes.has(g))
        c.warn('grant-type-not-supported', `client ${client.clientId} may use ${g}, which the provider's supportedGrantTypes do not include`);
    clients.push(client);
  }
  const path = (attr: string) => {
    const value = node.literal(attr);
    return value === undefined || value === '' ? undefined : value.startsWith('/') ? value : `/${value}`;
  };
  const registrationToken = node.literal('registrationAccessToken');
  return {
    name,
    providerName: node.literal('providerName') ?? name,
    ...(node.literal('issuer') ? { issuer: node.literal('issuer')!.replace(/\/$/, '') } : {}),
    grantTypes,
    scopes,
    defaultScopes,
    token: {
      path: normalise(tokenNode?.literal('path') ?? '/token'),
      ttlSeconds: Math.max(1, Math.round(tokenTtlMs / 1000)),
      format: (tokenNode?.literal('accessTokenFormat') ?? 'opaque') as 'opaque' | 'jwt',
      refresh,
      refreshTtlSeconds: tokenNode?.int('refreshTokenTtl') ?? 2_592_000,
    },
    authorization: {
      path: normalise(authNode?.literal('path') ?? '/authorize'),
      codeTtlSeconds: Math.max(1, Math.round(codeTtlMs / 1000)),
    },
    paths: {
      metadata: node.literal('metadataPath') ?? '/.well-known/oauth-authorization-server',
      introspection: path('introspectionPath'),
      revocation: path('revocationPath'),
      registration: path('registrationPath'),
      jwks: path('jwksPath') ?? '/jwks',
    },
    ...(registrationToken ? { registrationTokenHash: digest(registrationToken) } : {}),
    registration: {
      maxClients: atLeastOne(node, 'maxRegisteredClients', DEFAULT_MAX_REGISTERED_CLIENTS),
      perMinute: atLeastOne(node, 'registrationsPerMinute', DEFAULT_REGISTRATIONS_PER_MINUTE),
    },
    rateLimit: {
      maxFailures: limiter?.int('maximumFailureCount') ?? 5,
      periodMs: toMs(limiter?.int('duration') ?? 600, limiter?.literal('durationTimeUnit')),
    },
    clients,
  };
}

/** A positive integer attribute, or its default; 0 or less is a load error (leave registrationAccessToken out to turn registration off). */
function atLeastOne(node: ComponentNode, attr: string, fallback: number): number {
  const value = node.int(attr) ?? fallback;
  if (value < 1)
    node.error(
      'value-below-minimum',
      `${attr} must be at least 1`,
      'to turn registration off, leave registrationAccessToken out',
      node.element.attrs.get(attr)?.valueLoc,
    );
  return Math.max(1, value);
}

function normalise(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}
