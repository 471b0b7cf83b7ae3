import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RuntimeMetrics } from '../runtime/metrics.js';

/** Request durations, 1 ms to 10 s: flows that call out sit in the middle, timeouts at the top. */
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The series one flow reports to, bound once so a request only increments. */
interface FlowSeries {
  readonly byStatus: Map<number, { inc(): void }>;
  readonly errors: { inc(): void };
  readonly duration: { observe(seconds: number): void };
}

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop lag, GC) in a registry of their own, made once per
 * process: prom-client cannot detach the GC observer and event-loop histogram it installs, so one
 * set per runtime would leak with every runtime a process (or a test file) starts.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'flowrt_' });
  }
  return processRegistry;
}

/**
 * The runtime's Prometheus series, in a registry of its own (never prom-client's global one, so
 * runtimes in one process do not collide). Labels stay bounded: app and flow are names from the
 * app, status a numeric code.
 *
 * @example
 * const metrics = new PromMetrics();
 * const loaded = await loadApp({ dir, log, metrics });
 * // GET /metrics on the admin API:
 * ctx.type = metrics.contentType; ctx.body = await metrics.text();
 */
export class PromMetrics implements RuntimeMetrics {
  readonly registry = new Registry();
  /** The Content-Type of `text()`: Prometheus text exposition format 0.0.4. */
  readonly contentType: string = this.registry.contentType;
  private readonly requests = new Counter({
    name: 'flowrt_http_requests_total',
    help: 'HTTP requests a flow answered, by status written.',
    labelNames: ['app', 'flow', 'status'] as const,
    registers: [this.registry],
  });
  private readonly flowErrors = new Counter({
    name: 'flowrt_flow_errors_total',
    help: 'HTTP requests whose flow ended in error (answered by http:error-response).',
    labelNames: ['app', 'flow'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'flowrt_http_request_duration_seconds',
    help: "Time from a request's arrival to the flow's answer, policies included.",
    labelNames: ['app', 'flow'] as const,
    buckets: [...DURATION_BUCKETS],
    registers: [this.registry],
  });
  private readonly rejections = new Counter({
    name: 'flowrt_policy_rejections_total',
    help: 'Requests a policy or the gatekeeper answered instead of the flow.',
    labelNames: ['app', 'api', 'status'] as const,
    registers: [this.registry],
  });
  private readonly deploys = new Counter({
    name: 'flowrt_deploys_total',
    help: 'Deploys, redeploys, reloads and undeploys, by outcome.',
    labelNames: ['app', 'action', 'outcome'] as const,
    registers: [this.registry],
  });
  /** By app, then flow: two map lookups and no allocation once a flow has been seen. */
  private readonly flows = new Map<string, Map<string, FlowSeries>>();

  constructor() {
    processMetrics();
  }

  request(app: string, flow: string, status: number, failed: boolean, seconds: number): void {
    const series = this.series(app, flow);
    let counter = series.byStatus.get(status);
    if (!counter) {
      counter = this.requests.labels(app, flow, String(status));
      series.byStatus.set(status, counter);
    }
    counter.inc();
    if (failed) series.errors.inc();
    series.duration.observe(seconds);
  }

  policyRejection(app: string, apiId: string, status: number): void {
    this.rejections.inc({ app, api: apiId, status: String(status) });
  }

  deploy(app: string, action: 'deploy' | 'redeploy' | 'reload' | 'undeploy', outcome: 'ok' | 'failed'): void {
    this.deploys.inc({ app, action, outcome });
  }

  /** Every series, the process's included, in the text exposition format. */
  async text(): Promise<string> {
    return (await this.registry.metrics()) + (await processMetrics().metrics());
  }

  private series(app: string, flow: string): FlowSeries {
    let byFlow = this.flows.get(app);
    if (!byFlow) this.flows.set(app, (byFlow = new Map()));
    let series = byFlow.get(flow);
    if (!series) {
      series = { byStatus: new Map(), errors: this.flowErrors.labels(app, flow), duration: this.duration.labels(app, flow) };
      // A flow that never failed shows 0, so error ratios have a denominator to divide by.
      this.flowErrors.inc({ app, flow }, 0);
      byFlow.set(flow, series);
    }
    return series;
  }
}
