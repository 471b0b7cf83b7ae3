import type { GrantType } from './settings.js';

/** Mule's grant names (and RFC 6749's) → flowrt's. IMPLICIT is refused: RFC 9700 §2.1.2 says not to use it. */
export const GRANT_NAMES: Readonly<Record<string, GrantType>> = {
  AUTHORIZATION_CODE: 'authorization_code',
  RESOURCE_OWNER_PASSWORD_CREDENTIALS: 'password',
  PASSWORD: 'password',
  CLIENT_CREDENTIALS: 'client_credentials',
  REFRESH_TOKEN: 'refresh_token',
};

export type GrantName = { readonly ok: true; readonly grant: GrantType } | { readonly ok: false; readonly message: string; readonly hint?: string };

/**
 * A grant as a config, an operation or a registration request writes it: Mule's name in any
 * case (`CLIENT_CREDENTIALS`) or RFC 6749's (`client_credentials`).
 *
 * @example
 * ```ts
 * readGrantName('RESOURCE_OWNER_PASSWORD_CREDENTIALS'); // { ok: true, grant: 'password' }
 * ```
 */
export function readGrantName(raw: string): GrantName {
  const key = raw.toUpperCase();
  if (key === 'IMPLICIT') {
    return {
      ok: false,
      message: 'the IMPLICIT grant is not supported: the OAuth 2.0 Security BCP (RFC 9700 §2.1.2) says not to use it',
      hint: 'use AUTHORIZATION_CODE with PKCE, which public clients (single-page apps) can use too',
    };
  }
  // Own keys only: a name such as "constructor" must not find Object's.
  const grant = Object.hasOwn(GRANT_NAMES, key) ? GRANT_NAMES[key] : undefined;
  if (grant) return { ok: true, grant };
  return {
    ok: false,
    message: `"${raw}" is not a grant type: use ${Object.keys(GRANT_NAMES)
      .filter((g) => g !== 'PASSWORD')
      .join(', ')}`,
  };
}
