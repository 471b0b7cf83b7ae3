import type { ResponseSpec } from '../../http/response.js';
import { secretHash, secretMatches } from '../client-id-enforcement/secret.js';
import type { PolicyContext, PolicyType } from '../shared/policy.js';
import { PolicyConfigError } from '../shared/policy.js';
import { quoted, rejection } from '../shared/refusals.js';
import { basicCredentials } from '../../http/basic-credentials.js';

interface RawConfig {
  username: string;
  password?: string;
  passwordHash?: string;
  realm?: string;
}

/** Why a request was refused, for the log (never with a credential in it). */
type Refusal = 'missing credentials' | 'malformed credentials' | 'wrong credentials';

const BODIES: Record<Refusal, string> = {
  // Anypoint's words for a request without credentials.
  'missing credentials': 'Registered authentication is set to HTTP basic authentication but there was no security context on the session.',
  'malformed credentials': 'Malformed credentials: send Authorization: Basic base64(username:password)',
  // One answer for a wrong username and a wrong password: it must not tell which usernames exist.
  'wrong credentials': 'Authentication denied: invalid username or password',
};

/**
 * `http-basic-authentication` ("Basic Authentication: Simple"), with Anypoint's parameters: one
 * `username` and `password` a request must present as `Authorization: Basic`, or 401 with a Basic
 * challenge (RFC 7617 §2). flowrt also takes `passwordHash` (sha256, hex), so api-manager.yaml
 * need not hold the password; a `password` is hashed here and not kept. Both username and password
 * are compared as sha256 digests in constant time, both always.
 *
 * @example
 * const policy = httpBasicAuthentication.create({ username: 'ops', passwordHash: sha256hex }, deps);
 * await policy.handle(ctx, next); // 401 + WWW-Authenticate: Basic realm="mule-realm", charset="UTF-8" unless ops's password
 */
export const httpBasicAuthentication: PolicyType = {
  id: 'http-basic-authentication',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['username'],
    properties: {
      username: { type: 'string', minLength: 1, pattern: '^[^:]*$', description: 'no colon (RFC 7617 §2)' },
      password: {
        type: 'string',
        minLength: 1,
        description: "Anypoint's: hashed when the policy is built and never kept; prefer passwordHash, so the file holds no password",
      },
      passwordHash: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'flowrt: the sha256 (hex) of the password, instead of password' },
      realm: {
        type: 'string',
        minLength: 1,
        pattern: '^[^\\x00-\\x1f\\x7f]*$',
        default: 'mule-realm',
        description: "flowrt: the challenge's realm; Anypoint's is mule-realm",
      },
    },
  },
  create(raw) {
    const c = raw as unknown as RawConfig;
    if ((c.password === undefined) === (c.passwordHash === undefined))
      throw new PolicyConfigError('give either password or passwordHash (sha256 hex), not both nor neither', '/password');
    const usernameHash = secretHash(c.username.normalize('NFC'));
    const passwordHash = c.passwordHash?.toLowerCase() ?? secretHash(c.password!.normalize('NFC'));
    // RFC 7617 §2.1: charset="UTF-8" tells the client how to encode non-ASCII credentials.
    const challenge = `Basic realm=${quoted(c.realm ?? 'mule-realm')}, charset="UTF-8"`;
    const refuse = (ctx: PolicyContext, why: Refusal): ResponseSpec => {
      // debug: a flood of bad credentials must not flood the log.
      ctx.log.debug({ apiId: ctx.apiId, reason: why }, 'http-basic-authentication: request refused');
      return rejection(401, { error: BODIES[why] }, { 'www-authenticate': challenge });
    };
    return {
      async handle(ctx, next) {
        const header = ctx.request.headers.authorization;
        if (header === undefined) return refuse(ctx, 'missing credentials');
        const presented = credentials(header);
        if (!presented) return refuse(ctx, 'malformed credentials');
        // Both compared, whatever the first gave: the time taken says nothing of which was wrong.
        const userOk = secretMatches(presented.username, usernameHash);
        const passwordOk = secretMatches(presented.password, passwordHash);
        if (!userOk || !passwordOk) return refuse(ctx, 'wrong credentials');
        return next();
      },
    };
  },
};

/** user-id and password of `Authorization: Basic`, split at the first colon (RFC 7617 §2); undefined when malformed. */
function credentials(header: string | string[]): { username: string; password: string } | undefined {
  // A header sent twice is not one set of credentials.
  const found = typeof header === 'string' ? basicCredentials(header) : undefined;
  return found && { username: found.user.normalize('NFC'), password: found.password.normalize('NFC') };
}
