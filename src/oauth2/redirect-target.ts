import { redirectUriProblem } from './client-rules.js';
import type { Client } from './settings.js';

/**
 * The redirect URI an authorization request may be answered at: exactly a registered one (RFC
 * 9700 §4.1.1), or the client's only one when the request names none; a string says why not.
 * A registered URI that the redirect URI rule refuses (a client stored before the rule, or by
 * hand) is never a target: nothing is sent to a `javascript:` or `data:` URI, whoever stored it.
 *
 * @example
 * ```ts
 * redirectTarget(client, null); // { uri: 'https://app.example/cb', given: false }
 * ```
 */
export function redirectTarget(client: Client, given: string | null): { uri: string; given: boolean } | string {
  let target: { uri: string; given: boolean };
  if (given === null) {
    if (client.redirectUris.length !== 1)
      return client.redirectUris.length === 0 ? 'the client has no registered redirect URI' : 'redirect_uri is required: the client has several registered';
    target = { uri: client.redirectUris[0]!, given: false };
  } else {
    if (!client.redirectUris.includes(given)) return 'redirect_uri is not one registered for this client (they are compared exactly)';
    target = { uri: given, given: true };
  }
  const problem = redirectUriProblem(target.uri);
  return problem ? `the client's registered ${problem}, so this provider does not redirect to it: the client must register another` : target;
}
