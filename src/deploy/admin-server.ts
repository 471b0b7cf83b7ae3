import Router from '@koa/router';
import Koa from 'koa';
import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from 'pino';
import { BodyError, readBody } from '../http/body.js';
import { digest, matchesDigest } from '../runtime/digests.js';
import { errorBodies } from './admin-errors.js';

export interface AdminOptions {
  readonly port: number;
  /** 127.0.0.1 unless asked otherwise: the admin API changes what protects the APIs. */
  readonly host?: string;
  readonly token: string;
  readonly log: Logger;
}

/** What app archives are uploaded as (`PUT /apps/{name}`). */
export const BINARY_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream', 'application/x-tar'];

/**
 * The runtime's admin HTTP API: JSON in and out, every request authenticated with the bearer
 * token (compared in constant time, never logged). Modules add their routes to `router`; each
 * route reads its own body (JSON routes through the gateway's `jsonBody`, archives as bytes), so
 * a content type a route does not take is its 415. An unknown route is 404, a method a route
 * lacks 405 with `Allow`, each with a JSON error.
 */
export class AdminServer {
  readonly router = new Router();
  private server?: Server;

  constructor(private readonly options: AdminOptions) {}

  async start(): Promise<number> {
    const app = new Koa();
    app.silent = true;
    const expected = digest(this.options.token);
    app.use(errorBodies);
    app.use(async (ctx, next) => {
      const given = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1];
      // Digests of equal length: the comparison never sees the token's length differ.
      if (!given || !matchesDigest(given, expected)) {
        ctx.status = 401;
        ctx.set('WWW-Authenticate', given ? 'Bearer realm="flowrt-admin", error="invalid_token"' : 'Bearer realm="flowrt-admin"');
        ctx.body = { error: given ? 'invalid_token' : 'unauthorized', error_description: 'the admin API needs the bearer token the runtime was started with' };
        return;
      }
      await next();
    });
    app.use(this.router.routes() as unknown as Koa.Middleware);
    app.use(this.router.allowedMethods() as unknown as Koa.Middleware);
    const host = this.options.host ?? '127.0.0.1';
    this.server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(this.options.port, host, () => resolve(s));
      s.once('error', (e: NodeJS.ErrnoException) =>
        reject(new Error(`admin API: ${host}:${this.options.port} ${e.code === 'EADDRINUSE' ? 'is already in use' : e.message}`)),
      );
    });
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    this.options.log.info({ host, port }, 'admin API listening');
    return port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A request body as bytes (read as the listeners read theirs); undefined when it is larger than `max`. */
export async function rawBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  try {
    return await readBody(req, max);
  } catch (e) {
    if (e instanceof BodyError && e.status === 413) return undefined;
    throw e;
  }
}
