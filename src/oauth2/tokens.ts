import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../stores/store.js';
import { digest, newSecret } from './secrets.js';
import type { ProviderSettings } from './settings.js';

/** What a token stands for: a client, its scopes and, for the code and password grants, a resource owner. */
export interface Grant {
  readonly clientId: string;
  readonly scope: readonly string[];
  readonly username?: string;
  readonly roles?: readonly string[];
  /** RFC 8707 resource indicator: the JWT access token's audience. */
  readonly resource?: string;
}

export interface AccessRecord extends Grant {
  readonly jti: string;
  /** Epoch seconds. */
  readonly iat: number;
  readonly exp: number;
  /** The refresh-token family (one per grant), when refresh tokens are on: revoking it kills this token. */
  readonly familyId?: string;
}

export interface RefreshRecord extends Grant {
  readonly familyId: string;
  readonly iat: number;
  readonly exp: number;
  /** Set when rotation (multiple-refresh-tokens) replaced it: presenting it again is reuse. */
  readonly rotated?: boolean;
}

/** The token response body (RFC 6749 §5.1). */
export interface IssuedTokens {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
  readonly refresh_token?: string;
}

/** Signs JWT access tokens (RFC 9068) and publishes the keys that verify them. */
export interface AccessTokenSigner {
  sign(record: AccessRecord, issuer: string): Promise<string>;
  jwks(): Promise<{ keys: Array<Record<string, unknown>> }>;
}

export type RefreshOutcome =
  { readonly ok: true; readonly tokens: IssuedTokens } | { readonly ok: false; readonly error: 'invalid_grant' | 'invalid_scope'; readonly reason: string };

/**
 * Issues, finds and revokes tokens. Every token is kept by its sha256 only, with what it grants;
 * JWT access tokens are recorded too, so they can be revoked and introspected like opaque ones.
 */
export class TokenService {
  constructor(
    private readonly settings: ProviderSettings,
    private readonly store: KeyValueStore,
    private readonly signer: AccessTokenSigner | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Issues an access token, and a refresh token when the strategy asks for one and `refresh`
   * allows it (never for client_credentials, RFC 6749 §4.4.3).
   */
  async issue(grant: Grant, issuer: string, options: { refresh: boolean; familyId?: string }): Promise<IssuedTokens> {
    const withRefresh = options.refresh && this.settings.token.refresh !== 'none';
    const familyId = withRefresh ? (options.familyId ?? randomUUID()) : options.familyId;
    const access = await this.access(grant, issuer, familyId);
    let refresh_token: string | undefined;
    if (withRefresh) refresh_token = await this.newRefresh(grant, familyId!);
    return { ...access, ...(refresh_token ? { refresh_token } : {}) };
  }

  /** The live record of an access token: unexpired, not revoked, its family not revoked. */
  async lookup(token: string): Promise<AccessRecord | undefined> {
    const text = await this.store.get(`at:${digest(token)}`);
    if (text === undefined) return undefined;
    const record = JSON.parse(text) as AccessRecord;
    if (record.exp * 1000 <= this.now()) return undefined;
    if (record.familyId && (await this.familyRevoked(record.familyId))) return undefined;
    return record;
  }

  /** The live record of a refresh token (rotated ones included: callers check `rotated`). */
  async lookupRefresh(token: string): Promise<RefreshRecord | undefined> {
    const text = await this.store.get(`rt:${digest(token)}`);
    if (text === undefined) return undefined;
    const record = JSON.parse(text) as RefreshRecord;
    if (record.exp * 1000 <= this.now()) return undefined;
    if (await this.familyRevoked(record.familyId)) return undefined;
    return record;
  }

  /**
   * The refresh grant (RFC 6749 §6): same or narrower scope; `single` keeps the refresh token,
   * `multiple` rotates it, and presenting a rotated one again revokes the whole family (RFC 9700
   * §4.14.2: a stolen token and its legitimate twin cannot both go on).
   */
  async refresh(token: string, clientId: string, scope: readonly string[] | undefined, issuer: string): Promise<RefreshOutcome> {
    const key = `rt:${digest(token)}`;
    const record = await this.lookupRefresh(token);
    if (!record || record.clientId !== clientId)
      return { ok: false, error: 'invalid_grant', reason: 'the refresh token is invalid, expired or revoked, or was issued to another client' };
    if (record.rotated) {
      await this.revokeFamily(record.familyId);
      return { ok: false, error: 'invalid_grant', reason: 'the refresh token was already used: every token of its grant is revoked' };
    }
    if (scope && scope.some((s) => !record.scope.includes(s)))
      return { ok: false, error: 'invalid_scope', reason: 'the scope asked for exceeds the one originally granted' };
    const grant: Grant = { ...pick(record), scope: scope ?? record.scope };
    if (this.settings.token.refresh === 'multiple') {
      // Taken atomically: of two racing uses only one rotates; the other finds it gone or rotated.
      const taken = await this.store.take(key);
      if (taken === undefined) return { ok: false, error: 'invalid_grant', reason: 'the refresh token is invalid, expired or revoked' };
      // Another use rotated it between our read and our take: this one is the reuse.
      if ((JSON.parse(taken) as RefreshRecord).rotated) {
        await this.revokeFamily(record.familyId);
        return { ok: false, error: 'invalid_grant', reason: 'the refresh token was already used: every token of its grant is revoked' };
      }
      // Put back marked, not deleted, so that a second use is recognised as reuse until it would have expired.
      const rotated: RefreshRecord = { ...record, rotated: true };
      await this.store.set(key, JSON.stringify(rotated), record.exp * 1000 - this.now());
      const access = await this.access(grant, issuer, record.familyId);
      return { ok: true, tokens: { ...access, refresh_token: await this.newRefresh(grant, record.familyId) } };
    }
    const access = await this.access(grant, issuer, record.familyId);
    return { ok: true, tokens: { ...access, refresh_token: token } };
  }

  /** Revokes an access token; true if it was one. */
  async revokeAccess(token: string): Promise<boolean> {
    return this.revokeAccessDigest(digest(token));
  }

  /** Revokes an access token known by its digest (what a replayed code's first use issued). */
  async revokeAccessDigest(tokenDigest: string): Promise<boolean> {
    return this.store.delete(`at:${tokenDigest}`);
  }

  /** Revokes a refresh token and every access token of its grant (RFC 7009 §2.1); true if it was one. */
  async revokeRefresh(token: string): Promise<boolean> {
    const text = await this.store.take(`rt:${digest(token)}`);
    if (text === undefined) return false;
    await this.revokeFamily((JSON.parse(text) as RefreshRecord).familyId);
    return true;
  }

  async revokeFamily(familyId: string): Promise<void> {
    const ttl = Math.max(this.settings.token.ttlSeconds, this.settings.token.refreshTtlSeconds) * 1000;
    await this.store.set(`fam-revoked:${familyId}`, '1', ttl);
  }

  private async familyRevoked(familyId: string): Promise<boolean> {
    return (await this.store.get(`fam-revoked:${familyId}`)) !== undefined;
  }

  private async access(grant: Grant, issuer: string, familyId: string | undefined): Promise<Omit<IssuedTokens, 'refresh_token'>> {
    const iat = Math.floor(this.now() / 1000);
    const ttl = this.settings.token.ttlSeconds;
    const record: AccessRecord = { ...pick(grant), jti: randomUUID(), iat, exp: iat + ttl, ...(familyId ? { familyId } : {}) };
    const token = this.settings.token.format === 'jwt' && this.signer ? await this.signer.sign(record, issuer) : newSecret();
    await this.store.set(`at:${digest(token)}`, JSON.stringify(record), ttl * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: grant.scope.join(' ') };
  }

  private async newRefresh(grant: Grant, familyId: string): Promise<string> {
    const token = newSecret();
    const iat = Math.floor(this.now() / 1000);
    const ttl = this.settings.token.refreshTtlSeconds;
    const record: RefreshRecord = { ...pick(grant), familyId, iat, exp: iat + ttl };
    await this.store.set(`rt:${digest(token)}`, JSON.stringify(record), ttl * 1000);
    return token;
  }
}

/** The grant's own fields, without a record's bookkeeping. */
function pick(g: Grant): Grant {
  return {
    clientId: g.clientId,
    scope: g.scope,
    ...(g.username !== undefined ? { username: g.username } : {}),
    ...(g.roles !== undefined ? { roles: g.roles } : {}),
    ...(g.resource !== undefined ? { resource: g.resource } : {}),
  };
}
