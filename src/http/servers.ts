import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from './endpoint.js';
import { HttpServer } from './server.js';

/**
 * Every server an app listens on, one per listener config address. Endpoints of configs that
 * share a host and port share the server (their basePaths keep them apart). `apply` moves the
 * set to another version of the app: new addresses bound first, then tables (and certificates)
 * swapped, then addresses no longer wanted closed once their requests finished. An address whose
 * scheme changed is rebound: the only change that briefly refuses new connections.
 */
export class HttpServers {
  private servers = new Map<string, HttpServer>();
  private byConfig = new Map<string, HttpServer>();

  constructor(private readonly log: Logger) {}

  /** Starts a server for each address the endpoints need and routes them there. */
  async start(endpoints: readonly HttpEndpoint[], configs: readonly ListenerConfig[]): Promise<void> {
    await this.apply(endpoints, configs, 0);
  }

  /**
   * Serves `endpoints` from now on. Binds what is new before anything changes, so a port that
   * cannot be bound leaves the current version serving (and throws). Resolves once the requests
   * the replaced tables were answering finished (or `graceMs` passed for closed addresses).
   */
  async apply(endpoints: readonly HttpEndpoint[], configs: readonly ListenerConfig[], graceMs: number): Promise<void> {
    const groups = new Map<string, Group>();
    for (const config of configs) {
      const key = addressKey(config);
      const shared = groups.get(key)?.config;
      if (!shared) groups.set(key, { config, endpoints: [] });
      // One socket has one TLS setting: configs sharing an address must agree on it.
      else if (shared.tls?.digest !== config.tls?.digest) {
        throw new Error(
          `http:listener-config "${shared.name}" and "${config.name}" share ${config.host}:${config.port} but not their protocol and TLS settings`,
        );
      }
    }
    for (const e of endpoints) groups.get(addressKey(e.config))?.endpoints.push(e);

    // A change of scheme (or of client authentication) needs a new server on the same address.
    const rebinds = [...groups].filter(([key, group]) => this.servers.get(key)?.canServe(group.config) === false);
    const bound = await this.bind([...groups].filter(([key]) => !this.servers.has(key)));
    const rebound = await this.rebind(rebinds, bound);

    const waits: Array<Promise<void>> = [];
    const next = new Map<string, HttpServer>();
    for (const [key, group] of groups) {
      const existing = rebound.has(key) ? undefined : this.servers.get(key);
      if (existing) waits.push(existing.swap(group.endpoints, group.config));
      next.set(key, existing ?? rebound.get(key) ?? bound.get(key)!);
    }
    for (const [key, server] of this.servers) {
      if (next.get(key) === server) continue;
      this.log.info(
        { config: server.name, port: server.port },
        rebound.has(key) ? `closing the ${server.scheme} server replaced by a new one` : 'closing listener no longer used',
      );
      waits.push(server.stop(graceMs));
    }
    this.servers = next;
    this.byConfig = new Map();
    for (const config of configs) {
      const server = next.get(addressKey(config));
      if (server) this.byConfig.set(config.name, server);
    }
    // A request that hangs past the grace period must not hold the old version forever.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  /** Starts a server for each group; if one cannot bind, stops those started and throws. */
  private async bind(groups: ReadonlyArray<[string, Group]>): Promise<Map<string, HttpServer>> {
    const bound = new Map<string, HttpServer>();
    try {
      for (const [key, group] of groups) bound.set(key, await this.listen(group));
    } catch (e) {
      await Promise.all([...bound.values()].map((s) => s.stop(0)));
      throw e;
    }
    return bound;
  }

  /**
   * Replaces servers that cannot take their new config (HTTP became HTTPS …). A fixed port is
   * taken over: the old server stops accepting, the new one binds, the old one's open
   * connections finish. If one cannot bind, the old servers take their addresses back and what
   * `bind` started stops: nothing changed, and this throws. Port 0 simply gets a new port.
   */
  private async rebind(groups: ReadonlyArray<[string, Group]>, bound: Map<string, HttpServer>): Promise<Map<string, HttpServer>> {
    const rebound = new Map<string, HttpServer>();
    const released: HttpServer[] = [];
    try {
      for (const [key, group] of groups) {
        const old = this.servers.get(key)!;
        if (group.config.port !== 0) {
          void old.unbind();
          released.push(old);
        }
        rebound.set(key, await this.listen(group));
      }
    } catch (e) {
      await Promise.all([...rebound.values(), ...bound.values()].map((s) => s.stop(0)));
      for (const old of released) {
        await old.start().catch((again: Error) => this.log.error({ config: old.name, err: again.message }, 'could not take the address back'));
      }
      throw e;
    }
    return rebound;
  }

  private async listen(group: Group): Promise<HttpServer> {
    const server = new HttpServer(group.config, group.endpoints, this.log);
    await server.start();
    this.log.info({ config: group.config.name, host: group.config.host, port: server.port, scheme: server.scheme }, 'listening');
    return server;
  }

  /** The port a listener config is bound to. */
  portOf(configName: string): number | undefined {
    return this.byConfig.get(configName)?.port;
  }

  async stop(graceMs: number): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.stop(graceMs)));
    this.servers.clear();
    this.byConfig.clear();
  }
}

interface Group {
  readonly config: ListenerConfig;
  readonly endpoints: HttpEndpoint[];
}

/** Port 0 asks the OS for a free port, so such configs never share a server. */
function addressKey(config: ListenerConfig): string {
  return config.port === 0 ? `${config.host}:0#${config.name}` : `${config.host}:${config.port}`;
}
