import { createHash } from 'node:crypto';
import type { KeyValueStore } from '../stores/store.js';
import { digest, matchesDigest, newSecret } from './secrets.js';
import type { Grant } from './tokens.js';

/** An authorization code's grant, bound to its client, redirect URI and PKCE challenge. */
export interface CodeRecord extends Grant {
  readonly redirectUri: string;
  /** Whether the authorization request carried redirect_uri (then the token request must repeat it, §4.1.3). */
  readonly redirectUriGiven: boolean;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly exp: number;
}

export type Redeemed =
  | { readonly ok: true; readonly grant: Grant; readonly codeDigest: string }
  | { readonly ok: false; readonly reason: string; readonly replay?: { readonly familyId?: string; readonly accessDigest?: string } };

/**
 * Authorization codes (RFC 6749 §4.1): single use (taken atomically), short-lived, bound to the
 * client and redirect URI; PKCE (RFC 7636) checked with S256 or plain. A code presented again
 * reports what its first use issued, so the caller revokes it (§4.1.2, RFC 9700 §4.2.4).
 */
export class CodeStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async create(record: Omit<CodeRecord, 'exp'>): Promise<string> {
    const code = newSecret();
    const full: CodeRecord = { ...record, exp: Math.floor(this.now() / 1000) + this.ttlSeconds };
    await this.store.set(`code:${digest(code)}`, JSON.stringify(full), this.ttlSeconds * 1000);
    return code;
  }

  async redeem(code: string, clientId: string, redirectUri: string | null, verifier: string | null): Promise<Redeemed> {
    const key = digest(code);
    const text = await this.store.take(`code:${key}`);
    if (text === undefined) {
      const used = await this.store.get(`used:${key}`);
      if (used !== undefined)
        return {
          ok: false,
          reason: 'the authorization code was already used: the tokens it gave are revoked',
          replay: JSON.parse(used) as { familyId?: string; accessDigest?: string },
        };
      return { ok: false, reason: 'the authorization code is invalid or expired' };
    }
    const record = JSON.parse(text) as CodeRecord;
    // Remembered until the code would have expired, so a replay within its lifetime is caught.
    await this.store.set(`used:${key}`, '{}', Math.max(1, record.exp * 1000 - this.now()) + 60_000);
    if (record.exp * 1000 <= this.now()) return { ok: false, reason: 'the authorization code has expired' };
    if (record.clientId !== clientId) return { ok: false, reason: 'the authorization code was issued to another client' };
    if (record.redirectUriGiven ? redirectUri !== record.redirectUri : redirectUri !== null && redirectUri !== record.redirectUri) {
      return { ok: false, reason: 'redirect_uri does not match the one of the authorization request' };
    }
    if (record.codeChallenge !== undefined) {
      if (!verifier) return { ok: false, reason: 'code_verifier is required (PKCE)' };
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return { ok: false, reason: 'code_verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1)' };
      const computed = record.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (!matchesDigest(computed, digest(record.codeChallenge))) return { ok: false, reason: 'code_verifier does not match the code_challenge' };
    } else if (verifier) {
      return { ok: false, reason: 'code_verifier sent for a code issued without a code_challenge' };
    }
    const { redirectUri: _r, redirectUriGiven: _g, codeChallenge: _c, codeChallengeMethod: _m, exp: _e, ...grant } = record;
    return { ok: true, grant, codeDigest: key };
  }

  /** Records what a code's use issued, for revocation if the code comes back. */
  async issued(codeDigest: string, familyId: string | undefined, accessDigest: string): Promise<void> {
    await this.store.set(`used:${codeDigest}`, JSON.stringify({ familyId, accessDigest }), this.ttlSeconds * 1000 + 60_000);
  }
}
