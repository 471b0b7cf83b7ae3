import type { Logger } from 'pino';
import { adminRoutes } from '../gateway/admin-routes.js';
import { applicationRoutes } from '../gateway/application-routes.js';
import { POLICIES } from '../policies/index.js';
import type { QueueFactory } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
import { AdminServer } from './admin-server.js';
import type { Gateway } from './gateway-wiring.js';
import { probeRoutes } from './host/host-routes.js';
import type { Readiness } from './host/host-routes.js';
import type { PromMetrics } from './metrics.js';
import { queueRoutes } from './queue-routes.js';

export interface AdminParts {
  readonly admin: { readonly port: number; readonly token: string; readonly host?: string };
  readonly log: Logger;
  readonly gateway: Gateway;
  readonly queues: QueueFactory;
  readonly schedules: ScheduleFactory;
  readonly metrics: PromMetrics;
  readonly readiness: () => Readiness;
}

/**
 * The admin API of a one-app runtime (`flowrt start --admin-port`): the API manager's and the
 * applications' routes, the queues', the probes and /metrics. In a file of its own so that a
 * start without an admin API never imports its server, routes or archive reader.
 */
export async function serveAdmin(parts: AdminParts): Promise<{ server: AdminServer; port: number }> {
  const server = new AdminServer({ ...parts.admin, log: parts.log });
  adminRoutes(server.router, parts.gateway, POLICIES);
  applicationRoutes(server.router, parts.gateway, POLICIES, parts.log);
  queueRoutes(server.router, parts.queues, parts.schedules);
  probeRoutes(server.router, parts.metrics, parts.readiness);
  return { server, port: await server.start() };
}
