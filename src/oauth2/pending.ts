import type { KeyValueStore } from '../stores/store.js';
import { digest, newSecret } from './secrets.js';
import type { ResourceOwner, ResourceOwners } from './settings.js';

/** An authorization request that passed its checks and waits for the resource owner to sign in. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly redirectUriGiven: boolean;
  readonly scope: readonly string[];
  readonly state?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly resource?: string;
}

/** How long a login page may stay open before its form is refused. */
export const PENDING_TTL_MS = 10 * 60_000;

/** Failed sign-ins per username in a period, then that username is refused until the period ends. */
export const LOGIN_LIMIT = { maxFailures: 5, periodMs: 10 * 60_000 } as const;

/**
 * What the authorization endpoint keeps between the login page and its form: the checked request
 * under a random, single-use id (the form's hidden `request_id`, so a sign-in cannot be posted
 * without loading the page first, and never twice), and failed sign-ins per username.
 */
export class PendingAuthorizations {
  constructor(private readonly store: KeyValueStore) {}

  /** Keeps a request; the id goes into the login form. */
  async put(request: AuthorizationRequest): Promise<string> {
    const id = newSecret();
    await this.store.set(`req:${digest(id)}`, JSON.stringify(request), PENDING_TTL_MS);
    return id;
  }

  /** The request of a form, once: a second post of the same form finds nothing. */
  async take(id: string): Promise<AuthorizationRequest | undefined> {
    const text = await this.store.take(`req:${digest(id)}`);
    return text === undefined ? undefined : (JSON.parse(text) as AuthorizationRequest);
  }

  /** True when the username had too many failed sign-ins in the current period. */
  async lockedOut(username: string): Promise<boolean> {
    return Number((await this.store.get(failKey(username))) ?? 0) >= LOGIN_LIMIT.maxFailures;
  }

  async failed(username: string): Promise<void> {
    await this.store.increment(failKey(username), LOGIN_LIMIT.periodMs);
  }

  async succeeded(username: string): Promise<void> {
    await this.store.delete(failKey(username));
  }

  /**
   * A resource owner's sign-in, wherever the password arrives (login page or password grant):
   * refused without checking while the username is locked out, failures counted, a success
   * clearing them. Undefined for every refusal alike, so none says which it was.
   */
  async signIn(owners: ResourceOwners, username: string, password: string): Promise<ResourceOwner | undefined> {
    if (await this.lockedOut(username)) return undefined;
    const owner = await owners.authenticate(username, password);
    if (owner) await this.succeeded(username);
    else await this.failed(username);
    return owner;
  }
}

// Hashed: the key holds whatever was typed, never as written.
const failKey = (username: string) => `fail:${digest(username)}`;
