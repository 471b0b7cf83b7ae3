import { randomUUID } from 'node:crypto';
import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import { json, oauthError } from '../responses.js';
import { digest } from '../secrets.js';
import type { Client } from '../settings.js';

/** RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6): a code is redeemed once; a replay revokes what it gave. */
export async function authorizationCodeGrant(form: URLSearchParams, client: Client, core: ProviderCore, issuer: string): Promise<ResponseSpec> {
  const code = form.get('code');
  if (!code) return oauthError('invalid_request', 'code is required');
  const redeemed = await core.codes.redeem(code, client.clientId, form.get('redirect_uri'), form.get('code_verifier'));
  if (!redeemed.ok) {
    if (redeemed.replay?.familyId) await core.tokens.revokeFamily(redeemed.replay.familyId);
    if (redeemed.replay?.accessDigest) await core.tokens.revokeAccessDigest(redeemed.replay.accessDigest);
    return oauthError('invalid_grant', redeemed.reason);
  }
  const familyId = randomUUID();
  const tokens = await core.tokens.issue(redeemed.grant, issuer, { refresh: true, familyId });
  await core.codes.issued(redeemed.codeDigest, familyId, digest(tokens.access_token));
  return json(200, tokens);
}
