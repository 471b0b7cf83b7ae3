import type { KeyValueStore } from '../stores/store.js';
import type { OAuthRequest } from './request.js';
import type { OAuthErrorCode } from './responses.js';
import { MAX_CLIENT_ID_LENGTH } from './limits.js';
import { digest, matchesDigest } from './secrets.js';
import type { Client, ProviderSettings } from './settings.js';
import { basicCredentials } from '../http/basic-credentials.js';

/** A client that proved who it is, and how (the method decides the error's status). */
/** The client store's count of the clients registration created (RFC 7591), for `registration.maxClients`. */
const REGISTERED = 'registered-clients';

export type ClientAuth =
  | { readonly ok: true; readonly client: Client; readonly method: 'client_secret_basic' | 'client_secret_post' | 'none' }
  | { readonly ok: false; readonly error: OAuthErrorCode; readonly description: string; readonly basic: boolean };

/**
 * The clients of a provider: the configured ones (fixed) and the ones created at run time
 * (operations, dynamic registration) in the client store, so every node and a restart see them.
 */
export class ClientRegistry {
  private readonly fixed: ReadonlyMap<string, Client>;
  /** The failure-counter keys of the configured clients, hashed once instead of on every authentication. */
  private readonly fixedFailKeys: ReadonlyMap<string, string>;

  constructor(
    private readonly settings: ProviderSettings,
    private readonly store: KeyValueStore,
    private readonly limiter: KeyValueStore,
  ) {
    this.fixed = new Map(settings.clients.map((c) => [c.clientId, c]));
    this.fixedFailKeys = new Map(settings.clients.map((c) => [c.clientId, failKeyOf(c.clientId)]));
  }

  async get(clientId: string): Promise<Client | undefined> {
    const fixed = this.fixed.get(clientId);
    if (fixed) return fixed;
    // No store is asked about an id that no client can have.
    if (clientId.length > MAX_CLIENT_ID_LENGTH) return undefined;
    const text = await this.store.get(`client:${clientId}`);
    return text === undefined ? undefined : (JSON.parse(text) as Client);
  }

  /** Stores a client; false if one with that id exists and `replace` is not set. */
  async put(client: Client, replace = false): Promise<boolean> {
    if (this.fixed.has(client.clientId)) return false;
    if (replace) {
      await this.store.set(`client:${client.clientId}`, JSON.stringify(client));
      return true;
    }
    return this.store.add(`client:${client.clientId}`, JSON.stringify(client));
  }

  /**
   * Stores a client RFC 7591 registration created, unless the provider already holds `max` of
   * them (false). The count is kept in the client store, so every node on Redis shares it;
   * deleting a registered client gives its place back.
   */
  async register(client: Client, max: number): Promise<boolean> {
    if ((await this.store.adjust(REGISTERED, 1)) > max) {
      await this.store.adjust(REGISTERED, -1);
      return false;
    }
    try {
      await this.store.set(`client:${client.clientId}`, JSON.stringify({ ...client, registered: true }));
    } catch (e) {
      await this.store.adjust(REGISTERED, -1).catch(() => undefined);
      throw e;
    }
    return true;
  }

  /** Deletes a stored client; configured ones cannot be deleted (false). */
  async delete(clientId: string): Promise<boolean> {
    if (this.fixed.has(clientId) || clientId.length > MAX_CLIENT_ID_LENGTH) return false;
    const text = await this.store.take(`client:${clientId}`);
    if (text === undefined) return false;
    if ((JSON.parse(text) as Client).registered) await this.store.adjust(REGISTERED, -1);
    return true;
  }

  isFixed(clientId: string): boolean {
    return this.fixed.has(clientId);
  }

  /**
   * Client authentication for the token, introspection and revocation endpoints (RFC 6749
   * §2.3.1): HTTP Basic (ids and secrets form-urlencoded first) or client_id/client_secret in the
   * body, never both; a public client sends only its client_id. Failures count against the
   * client (clientValidationRateLimiter): past the limit it is refused even with the right
   * secret until the period ends. Counters are keyed by the id's SHA-256, so a long id makes
   * no long key; an id longer than any client's is refused before a store is asked at all.
   */
  async authenticate(req: OAuthRequest, form: URLSearchParams): Promise<ClientAuth> {
    const header = req.headers.authorization;
    // A bare "Basic" (Node trims "Basic " to it) is a Basic attempt without credentials, not no attempt.
    const basic = header !== undefined && /^basic(?:\s|$)/i.test(header);
    let clientId: string | undefined;
    let secret: string | undefined;
    if (basic) {
      if (form.has('client_secret'))
        return refused('invalid_request', 'send the client credentials either in the Authorization header or in the body, not both', true);
      const found = basicCredentials(header);
      if (!found) return refused('invalid_client', 'malformed Basic credentials', true);
      try {
        // RFC 6749 §2.3.1: the client id and secret are form-urlencoded before they are joined.
        clientId = decodeURIComponent(found.user.replace(/\+/g, ' '));
        secret = decodeURIComponent(found.password.replace(/\+/g, ' '));
      } catch {
        return refused('invalid_client', 'malformed Basic credentials', true);
      }
      const bodyId = form.get('client_id');
      if (bodyId !== null && bodyId !== clientId) return refused('invalid_request', 'client_id in the body differs from the authenticated client', true);
    } else {
      clientId = form.get('client_id') ?? undefined;
      secret = form.get('client_secret') ?? undefined;
    }
    if (!clientId) return refused('invalid_client', 'client authentication failed: no client credentials', basic);
    if (clientId.length > MAX_CLIENT_ID_LENGTH && !this.fixed.has(clientId)) {
      return refused('invalid_client', `client authentication failed: client_id is longer than ${MAX_CLIENT_ID_LENGTH} characters`, basic);
    }

    const failKey = this.fixedFailKeys.get(clientId) ?? failKeyOf(clientId);
    // Both asked at once, and both awaited together: with the store down, a lone pending promise
    // whose sibling threw first would reject unhandled, and an unhandled rejection ends the process.
    const [client, failures] = await Promise.all([this.get(clientId), this.limiter.get(failKey)]);
    const count = Number(failures ?? 0);
    if (count >= this.settings.rateLimit.maxFailures) {
      return refused('invalid_client', 'too many failed attempts for this client: try again later', basic);
    }
    if (!client) {
      await this.limiter.increment(failKey, this.settings.rateLimit.periodMs);
      return refused('invalid_client', 'client authentication failed', basic);
    }
    if (client.type === 'PUBLIC' || client.secretHash === undefined) {
      // A public client has no secret to check: one it sends anyway is a mistake worth refusing.
      if (secret) return refused('invalid_client', 'client authentication failed', basic);
      return { ok: true, client, method: 'none' };
    }
    if (secret === undefined || !matchesDigest(secret, client.secretHash)) {
      await this.limiter.increment(failKey, this.settings.rateLimit.periodMs);
      return refused('invalid_client', 'client authentication failed', basic);
    }
    return { ok: true, client, method: basic ? 'client_secret_basic' : 'client_secret_post' };
  }
}

/** A client's failure counter: keyed by the id's SHA-256, so a long id makes no long key. */
function failKeyOf(clientId: string): string {
  return `fail:${digest(clientId)}`;
}

function refused(error: OAuthErrorCode, description: string, basic: boolean): ClientAuth {
  return { ok: false, error, description, basic };
}
