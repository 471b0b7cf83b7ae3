import type { Logger } from 'pino';
import type { HttpClient } from '../../http/client/http-client.js';
import type { ClientProvider, Introspection } from '../../policies/shared/identity.js';
import { IdpUnavailableError } from '../../policies/shared/identity.js';
import { introspect } from '../../policies/token-enforcement/introspect.js';
import type { ClientProviderSpec } from '../manager-doc.js';
import { discoveryOf, MetadataCache } from './metadata.js';
import { registerClient } from './registration.js';
import { resolveReferences } from './secrets.js';

export interface ProviderOptions {
  /** A keep-alive pool whose connections time out after `connectTimeoutMs`. */
  readonly httpClient: (connectTimeoutMs: number) => HttpClient;
  readonly log: Logger;
  readonly now: () => number;
  /** Where `${ENV_VAR}` references are read from. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** After a failed discovery with nothing to serve, ms before the next try (default 5000). */
  readonly retryMs?: number;
}

/** Which endpoint a call needs: the explicit setting, else the discovery document's field. */
const ENDPOINTS = {
  issuer: { setting: 'issuer', field: 'issuer' },
  jwks: { setting: 'jwksUrl', field: 'jwks_uri' },
  introspection: { setting: 'introspectionUrl', field: 'introspection_endpoint' },
  registration: { setting: 'registrationUrl', field: 'registration_endpoint' },
} as const;
type Endpoint = keyof typeof ENDPOINTS;

/**
 * A client provider of api-manager.yaml backed by an OpenID Provider or OAuth 2.0 authorization
 * server: endpoints from discovery (explicit URLs win), RFC 7662 introspection as the
 * introspection client, RFC 7591 registration with the initial access token. Every call is
 * bounded by `timeoutMs`; every failure to get an answer is an IdpUnavailableError, so policies
 * fail closed (503).
 *
 * @example
 * const provider = new OidcClientProvider(spec, { httpClient, log, now: Date.now, environment: process.env });
 * await provider.introspect(token); // { active: true, scope: 'orders:read', … }
 */
export class OidcClientProvider implements ClientProvider {
  readonly name: string;
  private readonly timeoutMs: number;
  private readonly introspectionSecret?: string;
  private readonly registrationAuthorization?: string;
  /** Why no call can work (an environment variable not set), named without values. */
  private readonly problem?: string;
  private readonly metadata?: MetadataCache;
  private client?: HttpClient;
  private stopped = false;

  constructor(
    private readonly spec: ClientProviderSpec,
    private readonly o: ProviderOptions,
  ) {
    this.name = spec.name;
    this.timeoutMs = spec.timeoutMs ?? 5000;
    const secret = this.secret('introspectionClientSecret');
    const registration = this.secret('registrationAuthorization');
    this.introspectionSecret = secret.value;
    this.registrationAuthorization = registration.value;
    const missing = [...secret.missing, ...registration.missing];
    if (missing.length > 0) {
      this.problem = `client provider ${spec.name}: environment variable ${missing.join(', ')} is not set`;
      o.log.error({ clientProvider: spec.name, variables: missing }, 'client provider: environment variable not set; every call to it fails until it is');
    }
    const discovery = spec.discoveryUrl === undefined ? undefined : discoveryAt(spec);
    if (typeof discovery === 'string') this.problem ??= discovery;
    else if (discovery) {
      const { url, issuer } = discovery;
      this.metadata = new MetadataCache({
        name: spec.name,
        url,
        issuer,
        ttlMs: (spec.metadataTtlSeconds ?? 3600) * 1000,
        retryMs: o.retryMs ?? 5000,
        timeoutMs: this.timeoutMs,
        client: () => this.http(),
        now: o.now,
        log: o.log,
      });
    }
  }

  async issuer(): Promise<string> {
    return this.endpoint('issuer');
  }

  async jwksUri(): Promise<string> {
    return this.endpoint('jwks');
  }

  async introspect(token: string): Promise<Introspection> {
    const url = new URL(await this.endpoint('introspection'));
    const { introspectionClientId: clientId } = this.spec;
    return introspect(this.http(), { url, clientId, clientSecret: this.introspectionSecret, timeoutMs: this.timeoutMs }, token);
  }

  async canRegister(): Promise<boolean> {
    try {
      await this.endpoint('registration');
      return true;
    } catch (e) {
      if (e instanceof NoEndpoint) return false;
      throw e;
    }
  }

  async register(metadata: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const url = new URL(await this.endpoint('registration'));
    return registerClient(this.http(), { url, authorization: this.registrationAuthorization, timeoutMs: this.timeoutMs }, metadata);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.metadata?.stop();
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }

  /** An endpoint's URL: configured, or discovered (waiting for discovery only when needed). */
  private async endpoint(which: Endpoint): Promise<string> {
    if (this.problem) throw new IdpUnavailableError(this.problem);
    const { setting, field } = ENDPOINTS[which];
    const explicit = this.spec[setting];
    if (explicit !== undefined) return explicit;
    const discovered = this.metadata ? (await this.metadata.get())[field] : undefined;
    if (typeof discovered !== 'string')
      throw new NoEndpoint(`client provider ${this.name} has no ${field}: set ${setting} or use an IdP whose discovery announces it`);
    if (which !== 'issuer' && !/^https?:\/\//.test(discovered))
      throw new IdpUnavailableError(`client provider ${this.name}: discovery announces a ${field} that is not an http(s) URL`);
    return discovered;
  }

  private secret(setting: 'introspectionClientSecret' | 'registrationAuthorization'): { value?: string; missing: readonly string[] } {
    const text = this.spec[setting];
    return text === undefined ? { missing: [] } : resolveReferences(text, this.o.environment);
  }

  private http(): HttpClient {
    // A replaced provider may still have a background refresh running: it must not open a pool again.
    if (this.stopped) throw new IdpUnavailableError(`client provider ${this.name} was stopped`);
    return (this.client ??= this.o.httpClient(this.timeoutMs));
  }
}

/** The IdP does not offer what was asked (no registration endpoint …): nothing to wait for. */
class NoEndpoint extends IdpUnavailableError {}

/** Where the provider's metadata is, or why that cannot be said. */
function discoveryAt(spec: ClientProviderSpec): ReturnType<typeof discoveryOf> | string {
  try {
    return discoveryOf(spec.type === 'oauth2' ? 'oauth2' : 'openid-connect', spec.discoveryUrl!, spec.issuer);
  } catch {
    return `client provider ${spec.name}: discoveryUrl is not a URL`;
  }
}
