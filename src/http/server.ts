import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from './endpoint.js';
import { LogLimiter } from '../runtime/log-limiter.js';
import { lingerOnClose } from './linger.js';
import { writeResponse } from './response.js';
import { routeTable } from './route-table.js';
import type { Routes } from './route-table.js';
import { guardHandshakes, sameKindOfServer, serverOptions } from './tls.js';

/** One version of the routes, with the requests it is still answering. */
interface Generation {
  readonly routes: Routes;
  inFlight: number;
  drained?: () => void;
}

/**
 * One listening socket (a host and port) and its route table. The table can be replaced while
 * serving: a request is routed by the table current when it arrived and finishes there, which
 * is what lets a reload or redeploy swap versions without failing a request. An HTTPS config
 * gets a node:https server; its certificates can be replaced too, open connections kept.
 */
export class HttpServer {
  private readonly server: Server | HttpsServer;
  private current: Generation;
  // The listening socket's close, once asked for: a server is closed once, whoever asks first.
  private closing?: Promise<void>;
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
    // Node checks requestTimeout only every connectionsCheckingInterval (30 s by default), so a
    // 10 s readTimeout answered 408 after up to 40 s: check often enough to honour it within 10%.
    const checkEveryMs = config.readTimeout > 0 ? Math.min(1_000, Math.max(50, Math.floor(config.readTimeout / 10))) : 1_000;
    const tls = config.tls;
    if (tls) {
      const server = createHttpsServer({ ...serverOptions(tls), connectionsCheckingInterval: checkEveryMs }, this.serve);
      guardHandshakes(server, () => this.config.tls, this.log, this.connectionWarnings, config.name);
      this.server = server;
    } else {
      this.server = createServer({ connectionsCheckingInterval: checkEveryMs }, this.serve);
    }
    this.applyTimeouts();
  }

  /**
   * Node's request handler: the request goes to the route table current when it arrived and is
   * counted there until answered, so a swap can wait for the old table's requests.
   */
  private readonly serve = (req: IncomingMessage, res: ServerResponse): void => {
    const generation = this.current;
    generation.inFlight++;
    this.inFlight++;
    if (!this.config.usePersistentConnections) res.setHeader('Connection', 'close');
    let answered: Promise<void> | void;
    try {
      answered = generation.routes({ req, res });
    } catch (e) {
      answered = Promise.reject(e);
    }
    if (answered)
      answered.then(
        () => this.done(req, res, generation),
        (e: unknown) => this.fail(req, res, generation, e),
      );
    else this.done(req, res, generation);
  };

  private done(req: IncomingMessage, res: ServerResponse, generation: Generation): void {
    if (!req.complete && /\bclose\b/i.test(String(res.getHeader('Connection') ?? ''))) lingerOnClose(req);
    if (--generation.inFlight === 0) generation.drained?.();
    if (--this.inFlight === 0) this.drained?.();
  }

  /** An endpoint that failed instead of answering (a bug): a bare 500, logged once per kind. */
  private fail(req: IncomingMessage, res: ServerResponse, generation: Generation, e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.connectionWarnings.warn(this.log, `conn:${(err as NodeJS.ErrnoException).code ?? err.name}`, { err: err.message }, 'http connection error');
    if (!res.headersSent && !res.writableEnded) {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      writeResponse({ req, res }, { status: 500, headers: {}, body: 'Internal Server Error', mediaType: 'text/plain; charset=utf-8' });
    } else if (!res.writableEnded) res.destroy();
    this.done(req, res, generation);
  }

  get name(): string {
    return this.config.name;
  }

  get scheme(): 'http' | 'https' {
    return this.config.tls ? 'https' : 'http';
  }

  /** Whether {@link swap} can move this server to `config`: same scheme and client authentication. */
  canServe(config: ListenerConfig): boolean {
    return sameKindOfServer(this.config.tls, config.tls);
  }

  /**
   * Routes new requests to `endpoints` (with `config`'s timeouts and certificates) from now on;
   * resolves once the requests the previous table was answering have finished. New certificates
   * serve new handshakes; connections already open keep theirs. `config` must be one this server
   * {@link canServe}.
   */
  swap(endpoints: readonly HttpEndpoint[], config: ListenerConfig): Promise<void> {
    const old = this.current;
    this.current = { routes: routeTable(endpoints), inFlight: 0 };
    // Checked at load with the same options, so this cannot fail on their account.
    if (config.tls && config.tls.digest !== this.config.tls?.digest) (this.server as HttpsServer).setSecureContext(serverOptions(config.tls));
    this.config = config;
    this.applyTimeouts();
    if (old.inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => (old.drained = resolve));
  }

  /** Binds the socket; after {@link unbind} it binds again (to put back a server a rebind replaced). */
  async start(): Promise<void> {
    this.closing = undefined;
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
    const closed = this.unbind();
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => (this.drained = resolve)), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
    this.server.closeAllConnections();
    await closed;
    this.connectionWarnings.stop();
  }

  /**
   * Stops accepting connections and frees the address (another server may bind it at once);
   * connections already open go on. Resolves when the last of them has closed.
   */
  unbind(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => this.server.close(() => resolve()));
    return this.closing;
  }

  private applyTimeouts(): void {
    this.server.keepAliveTimeout = this.config.connectionIdleTimeout;
    this.server.requestTimeout = this.config.readTimeout;
    this.server.headersTimeout = Math.min(this.config.readTimeout, 60_000);
  }
}
