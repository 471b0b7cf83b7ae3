import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueFactory, QueueStats } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
import type { QueueDeliveryOutcome, RuntimeMetrics, ScheduleTickOutcome } from '../runtime/metrics.js';
import { withTimeout } from '../util/with-timeout.js';
import { splitName } from './queue-names.js';

/** Request durations, 1 ms to 10 s: flows that call out sit in the middle, timeouts at the top. */
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The series one flow reports to, bound once so a request only increments. */
interface FlowSeries {
  readonly byStatus: Map<number, { inc(): void }>;
  readonly errors: { inc(): void };
  readonly duration: { observe(seconds: number): void };
}

/** How long a scrape waits for one queue's or schedule's state: a Redis that does not answer costs the scrape this, once. */
const SAMPLE_TIMEOUT_MS = 2_000;

/** What one scrape read from the factories; a queue or schedule whose read failed is left out. */
interface Sample {
  readonly queues: ReadonlyArray<{ readonly app: string; readonly queue: string; readonly stats: QueueStats }>;
  readonly schedules: ReadonlyArray<{ readonly app: string; readonly flow: string; readonly paused: boolean }>;
}

/** What `read` gives, or undefined when it throws, rejects or takes longer than SAMPLE_TIMEOUT_MS. */
async function attempt<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withTimeout(read(), SAMPLE_TIMEOUT_MS, () => new Error('no answer in time'));
  } catch {
    return undefined;
  }
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
  private readonly deliveries = new Counter({
    name: 'flowrt_queue_deliveries_total',
    help: 'VM queue messages a listener handled, by outcome: ok, retried (failed, attempts left) or dead-lettered.',
    labelNames: ['app', 'queue', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly ticks = new Counter({
    name: 'flowrt_schedule_ticks_total',
    help: 'Scheduler ticks this runtime took, by outcome: the flow ran ok or failed, or the tick was skipped while the previous one ran.',
    labelNames: ['app', 'flow', 'outcome'] as const,
    registers: [this.registry],
  });
  private watched?: { readonly queues: QueueFactory; readonly schedules: ScheduleFactory };
  /** The sample the scrape in progress reads: its gauges are collected at once and share one read. */
  private sampling?: Promise<Sample>;
  /** By app, then flow: two map lookups and no allocation once a flow has been seen. */
  private readonly flows = new Map<string, Map<string, FlowSeries>>();

  constructor() {
    processMetrics();
    this.queueGauge('flowrt_queue_waiting', 'VM queue messages published and not yet taken (retries waiting included).', (s) => s.waiting);
    this.queueGauge('flowrt_queue_active', 'VM queue messages being handled now, by any runtime.', (s) => s.active);
    this.queueGauge('flowrt_queue_dead_letters', 'VM queue messages that failed every attempt, kept until replayed or purged.', (s) => s.deadLetters);
    const sample = () => this.sample();
    new Gauge({
      name: 'flowrt_schedule_paused',
      help: 'Whether a scheduler is paused (1) or ticking (0).',
      labelNames: ['app', 'flow'] as const,
      registers: [this.registry],
      async collect() {
        const { schedules } = await sample();
        this.reset();
        for (const s of schedules) this.set({ app: s.app, flow: s.flow }, s.paused ? 1 : 0);
      },
    });
  }

  /**
   * The queues and schedules whose state the gauges show, read at each scrape. A runtime calls it
   * where it opens its factories; a later call replaces the earlier.
   */
  watch(queues: QueueFactory, schedules: ScheduleFactory): void {
    this.watched = { queues, schedules };
  }

  queueDelivery(app: string, queue: string, outcome: QueueDeliveryOutcome): void {
    this.deliveries.inc({ app, queue, outcome });
  }

  scheduleTick(app: string, flow: string, outcome: ScheduleTickOutcome): void {
    this.ticks.inc({ app, flow, outcome });
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

  private queueGauge(name: string, help: string, read: (stats: QueueStats) => number): void {
    const sample = () => this.sample();
    new Gauge({
      name,
      help,
      labelNames: ['app', 'queue'] as const,
      registers: [this.registry],
      // Reset, then set from a finished read: a queue gone since the last scrape leaves no stale series.
      async collect() {
        const { queues } = await sample();
        this.reset();
        for (const q of queues) this.set({ app: q.app, queue: q.queue }, read(q.stats));
      },
    });
  }

  /** One read of every queue and schedule per scrape; a read that fails or hangs (Redis down) drops that series, never the scrape. */
  private sample(): Promise<Sample> {
    this.sampling ??= this.read().finally(() => (this.sampling = undefined));
    return this.sampling;
  }

  private async read(): Promise<Sample> {
    if (!this.watched) return { queues: [], schedules: [] };
    const queues = await Promise.all(
      [...this.watched.queues.opened()].map(async ([name, q]) => {
        const stats = await attempt(() => q.stats());
        const { app, local } = splitName(name);
        return stats && { app, queue: local, stats };
      }),
    );
    const schedules = await Promise.all(
      [...this.watched.schedules.running()].map(async ([name, s]) => {
        const state = await attempt(() => s.state());
        const { app, local } = splitName(name);
        return state && { app, flow: local, paused: state.paused };
      }),
    );
    return { queues: queues.filter((q) => q !== undefined), schedules: schedules.filter((s) => s !== undefined) };
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
