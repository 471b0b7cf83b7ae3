import type { Value } from '../../expr/value.js';
import { policyValue } from '../shared/expressions.js';

/** The configuration as `CLIENT_ID_SCHEMA` admits it (Anypoint's configurationData). */
interface RawConfig {
  credentialsOriginHasHttpBasicAuthenticationHeader?: 'customExpression' | 'httpBasicAuthenticationHeader';
  clientIdExpression?: string;
  clientSecretExpression?: string;
}

/** client-id-enforcement's configuration, its expressions compiled once. */
export type ClientIdConfig =
  | { readonly origin: 'basic' }
  /** `clientSecret` undefined: the secret is not asked for (a blank clientSecretExpression). */
  | { readonly origin: 'custom'; readonly clientId: Value; readonly clientSecret?: Value };

export function clientIdConfig(raw: Readonly<Record<string, unknown>>): ClientIdConfig {
  const c = raw as RawConfig;
  if (c.credentialsOriginHasHttpBasicAuthenticationHeader === 'httpBasicAuthenticationHeader') return { origin: 'basic' };
  const secret = c.clientSecretExpression ?? "#[attributes.headers['client_secret']]";
  return {
    origin: 'custom',
    // Always expressions: a literal client id would make every request the same client.
    clientId: policyValue(c.clientIdExpression ?? "#[attributes.headers['client_id']]", '/clientIdExpression', 'expression'),
    clientSecret: secret.trim() === '' ? undefined : policyValue(secret, '/clientSecretExpression', 'expression'),
  };
}
