import Koa from 'koa';
import type { Middleware } from 'koa';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from './endpoint.js';
import { LogLimiter } from '../runtime/log-limiter.js';
import { routeTable } from './route-table.js';

/** One version of the routes, with the requests it is still answering. */
interface Generation {
  readonly routes: Middleware;
  inFlight: number;
  drained?: () => void;
}

/**
 * One listening socket (a host and port) and its route table. The table can be replaced while
 * serving: a request is routed by the table current when it arrived and finishes there, which
 * is what lets a reload or redeploy swap versions without failing a request.
 */
export class HttpServer {
  private readonly koa = new Koa();
  private readonly server: Server;
  private current: Generation;
  private inFlight = 0;
  private drained?: () => void;
  // A client sending garbage on many connections must not write a line per connection.
  private readonly connectionWarnings = new LogLimiter();

  constructor(
    private config: ListenerConfig,
    endpoints: readonly HttpEndpoint[],
    private readonly log: Logger,
  ) {
    this.current = { routes: routeTable(endpoints), inFlight: 0 };
    this.koa.proxy = false;
    this.koa.silent = true;
    this.koa.on('error', (err: Error) => this.connectionWarnings.warn(this.log, `conn:${(err as NodeJS.ErrnoException).code ?? err.name}`, { err: err.message }, 'http connection error'));
    this.koa.use(async (ctx, next) => {
      const generation = this.current;
      generation.inFlight++;
      this.inFlight++;
      try {
        if (!this.config.usePersistentConnections) ctx.set('Connection', 'close');
        await generation.routes(ctx, next);
      } finally {
        if (--generation.inFlight === 0) generation.drained?.();
        if (--this.inFlight === 0) this.drained?.();
      }
    });
    // Node checks requestTimeout only every connectionsCheckingInterval (30 s by default), so a
    // 10 s readTimeout answered 408 after up to 40 s: check often enough to honour it within 10%.
    const checkEveryMs = config.readTimeout > 0 ? Math.min(1_000, Math.max(50, Math.floor(config.readTimeout / 10))) : 1_000;
    this.server = createServer({ connectionsCheckingInterval: checkEveryMs }, this.koa.callback());
    this.applyTimeouts();
  }

  get name(): string {
    return this.config.name;
  }

  /**
   * Routes new requests to `endpoints` (with `config`'s timeouts) from now on; resolves once the
   * requests the previous table was answering have finished.
   */
  swap(endpoints: readonly HttpEndpoint[], config: ListenerConfig): Promise<void> {
    const old = this.current;
    this.current = { routes: routeTable(endpoints), inFlight: 0 };
    this.config = config;
    this.applyTimeouts();
    if (old.inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => (old.drained = resolve));
  }

  async start(): Promise<void> {
    const { host, port, name } = this.config;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        const why = err.code === 'EADDRINUSE' ? 'is already in use' : err.code === 'EACCES' ? 'needs privileges this process lacks' : `failed: ${err.message}`;
        reject(new Error(`http:listener-config "${name}": ${host}:${port} ${why}`));
      };
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
  }

  /** The port actually bound (the OS chooses when the config says 0). */
  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : this.config.port;
  }

  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`, then
   * closes whatever is left.
   */
  async stop(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    }
    this.server.closeAllConnections();
    await closed;
    this.connectionWarnings.stop();
  }

  private applyTimeouts(): void {
    this.server.keepAliveTimeout = this.config.connectionIdleTimeout;
    this.server.requestTimeout = this.config.readTimeout;
    this.server.headersTimeout = Math.min(this.config.readTimeout, 60_000);
  }
}
