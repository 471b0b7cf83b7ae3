import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from './endpoint.js';
import { HttpServer } from './server.js';

/**
 * Every server an app listens on, one per listener config address. Endpoints of configs that
 * share a host and port share the server (their basePaths keep them apart).
 */
export class HttpServers {
  private readonly servers = new Map<string, HttpServer>();
  private readonly byConfig = new Map<string, HttpServer>();

  constructor(private readonly log: Logger) {}

  /** Starts a server for each address the endpoints need and routes them there. */
  async start(endpoints: readonly HttpEndpoint[], configs: readonly ListenerConfig[]): Promise<void> {
    const groups = new Map<string, { config: ListenerConfig; endpoints: HttpEndpoint[] }>();
    for (const config of configs) {
      const key = addressKey(config);
      if (!groups.has(key)) groups.set(key, { config, endpoints: [] });
    }
    for (const e of endpoints) groups.get(addressKey(e.config))?.endpoints.push(e);
    for (const [key, group] of groups) {
      const server = new HttpServer(group.config, group.endpoints, this.log);
      await server.start();
      this.servers.set(key, server);
      for (const config of configs) if (addressKey(config) === key) this.byConfig.set(config.name, server);
      this.log.info({ config: group.config.name, host: group.config.host, port: server.port }, 'listening');
    }
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
