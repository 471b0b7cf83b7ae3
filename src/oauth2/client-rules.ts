import { MAX_REDIRECT_URI_LENGTH } from './limits.js';
import type { Client, ClientType, GrantType } from './settings.js';

/** Schemes that are never a redirect target, and why: what a browser does with them is not "go back to the client". */
const DANGEROUS_SCHEMES: Readonly<Record<string, string>> = {
  javascript: 'runs script in the page that follows it',
  vbscript: 'runs script in the page that follows it',
  data: 'makes a document of the URI itself',
  blob: 'names a document of the page that made it',
  file: "opens a file of the user's machine",
  about: 'names a page of the browser itself',
};

/**
 * The hosts an `http` redirect URI may name: a native app's loopback listener (RFC 8252 §7.3).
 * `localhost` is accepted too: RFC 8252 §8.3 does not recommend it (a resolver could map it
 * elsewhere), but it is not forbidden, development setups use it, and what it can reach is only
 * ever the user's own machine in browsers that follow "let localhost be localhost".
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * What is wrong with a redirect URI a client registers, or undefined when it is fine. The one
 * rule for configured clients, create-client and dynamic registration, and what the
 * authorization endpoint checks before it sends anyone anywhere:
 *
 * - an absolute URI (RFC 6749 §3.1.2) of printable ASCII (RFC 3986 §2: anything else is
 *   percent-encoded), at most {@link MAX_REDIRECT_URI_LENGTH} characters;
 * - no fragment (RFC 6749 §3.1.2) and no user information (`https://good.example@evil.example/`
 *   misleads whoever reads it; RFC 3986 §3.2.1 deprecates it);
 * - `https` for web clients; `http` only on a loopback host (RFC 8252 §7.3, RFC 9700 §2.1);
 *   else a native app's private-use scheme, which is a reverse domain name and so has a period
 *   (`com.example.app:/cb`, RFC 8252 §7.1). That refuses `javascript:`, `data:`, `file:` and
 *   every other scheme a browser would not take back to an app.
 *
 * @example
 * ```ts
 * redirectUriProblem('https://app.example/cb'); // undefined
 * redirectUriProblem('javascript:alert(1)'); // 'redirect URI "javascript:alert(1)" uses the javascript: scheme, which …'
 * ```
 */
export function redirectUriProblem(uri: string): string | undefined {
  const shown = `redirect URI "${uri.length > 80 ? `${uri.slice(0, 80)}…` : uri}"`;
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `${shown} is longer than ${MAX_REDIRECT_URI_LENGTH} characters`;
  // Checked on the text as written: the URL parser would quietly drop tabs, newlines and outer spaces.
  if (/[^\x21-\x7e]/.test(uri)) return `${shown} has a space, a control or a non-ASCII character: percent-encode it (RFC 3986 §2.1)`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${shown} is not an absolute URI (RFC 6749 §3.1.2)`;
  }
  // `new URL` drops an empty fragment ("…#"), which is a fragment all the same.
  if (url.hash || uri.includes('#')) return `${shown} has a fragment, which RFC 6749 §3.1.2 forbids`;
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?]*@/i.test(uri))
    return `${shown} has user information (user@host), which a redirect URI must not have`;
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'https') return undefined;
  if (scheme === 'http') {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? undefined
      : `${shown} uses http, which is only for a native app's loopback redirect (http://127.0.0.1, http://[::1] or http://localhost, RFC 8252 §7.3): use https`;
  }
  const danger = Object.hasOwn(DANGEROUS_SCHEMES, scheme) ? DANGEROUS_SCHEMES[scheme] : undefined;
  if (danger) return `${shown} uses the ${scheme}: scheme, which ${danger}: it is never a redirect target`;
  if (!scheme.includes('.')) {
    return `${shown} uses the ${scheme}: scheme: a redirect URI is https, http on a loopback address, or a native app's private-use scheme named by a reverse domain (com.example.app:/callback, RFC 8252 §7.1)`;
  }
  return undefined;
}

/**
 * Whether a client may use a grant. Mule lists a client's grants without refresh_token: a client
 * of a grant that yields refresh tokens (authorization_code, password) may refresh them. The one
 * rule for the token endpoint and the authorization endpoint (which asks about authorization_code).
 *
 * @example
 * ```ts
 * clientMayUse({ ...client, grantTypes: ['password'] }, 'refresh_token'); // true
 * ```
 */
export function clientMayUse(client: Pick<Client, 'grantTypes'>, grant: GrantType): boolean {
  if (client.grantTypes.includes(grant)) return true;
  return grant === 'refresh_token' && (client.grantTypes.includes('authorization_code') || client.grantTypes.includes('password'));
}

/**
 * The scopes of a client's list that the provider does not know, in list order (empty when all
 * are known). The one rule for configured clients, create-client and dynamic registration; each
 * words the refusal its own way (a diagnostic, INVALID_CONFIGURATION, RFC 7591's invalid_client_metadata).
 *
 * @example
 * ```ts
 * unknownScopes(['read', 'admin'], new Set(['read'])); // ['admin']
 * ```
 */
export function unknownScopes(scopes: readonly string[], known: ReadonlySet<string>): string[] {
  return scopes.filter((s) => !known.has(s));
}

/**
 * What is wrong with a client's secret for its type, or undefined: a confidential client
 * authenticates with one (RFC 6749 §2.3.1), a public one cannot keep one (§2.1) and must use PKCE
 * instead. The one rule for configured clients and create-client.
 *
 * @example
 * ```ts
 * secretProblem('spa', 'PUBLIC', true); // 'client spa is PUBLIC and cannot have a secret'
 * ```
 */
export function secretProblem(clientId: string, type: ClientType, hasSecret: boolean): string | undefined {
  if (type === 'CONFIDENTIAL' && !hasSecret) return `client ${clientId} is CONFIDENTIAL and needs a secret`;
  if (type === 'PUBLIC' && hasSecret) return `client ${clientId} is PUBLIC and cannot have a secret`;
  return undefined;
}
