import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from './endpoint.js';
import { HttpServer } from './server.js';

/**
 * Every server an app listens on, one per listener config address. Endpoints of configs that
 * share a host and port share the server (their basePaths keep them apart). `apply` moves the
 * set to another version of the app: new addresses bound first, then tables swapped, then
 * addresses no longer wanted closed once their requests finished.
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
    const groups = new Map<string, { config: ListenerConfig; endpoints: HttpEndpoint[] }>();
    for (const config of configs) {
      const key = addressKey(config);
      if (!groups.has(key)) groups.set(key, { config, endpoints: [] });
    }
    for (const e of endpoints) groups.get(addressKey(e.config))?.endpoints.push(e);

    const bound = new Map<string, HttpServer>();
    try {
      for (const [key, group] of groups) {
        if (this.servers.has(key)) continue;
        const server = new HttpServer(group.config, group.endpoints, this.log);
        await server.start();
        bound.set(key, server);
        this.log.info({ config: group.config.name, host: group.config.host, port: server.port }, 'listening');
      }
    } catch (e) {
      await Promise.all([...bound.values()].map((s) => s.stop(0)));
      throw e;
    }

    const waits: Array<Promise<void>> = [];
    const next = new Map<string, HttpServer>();
    for (const [key, group] of groups) {
      const existing = this.servers.get(key);
      if (existing) waits.push(existing.swap(group.endpoints, group.config));
      next.set(key, existing ?? bound.get(key)!);
    }
    for (const [key, server] of this.servers) {
      if (next.has(key)) continue;
      this.log.info({ config: server.name, port: server.port }, 'closing listener no longer used');
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

/** Port 0 asks the OS for a free port, so such configs never share a server. */
function addressKey(config: ListenerConfig): string {
  return config.port === 0 ? `${config.host}:0#${config.name}` : `${config.host}:${config.port}`;
}
