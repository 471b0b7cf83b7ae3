/**
 * What the runtime counts, as events; deploy/metrics.ts turns them into Prometheus series.
 * Components report through this interface only, so the core never depends on prom-client.
 */
export interface RuntimeMetrics {
  /** One request a flow's source answered: its status, whether the flow ended in error, how long it took. */
  request(app: string, flow: string, status: number, failed: boolean, seconds: number): void;
  /** A request a policy answered instead of the flow (401, 403, 429 …). */
  policyRejection(app: string, apiId: string, status: number): void;
  /** A deploy, redeploy, reload or undeploy and its outcome. */
  deploy(app: string, action: 'deploy' | 'redeploy' | 'reload' | 'undeploy', outcome: 'ok' | 'failed'): void;
  /** One delivery a VM listener handled: done, failed with attempts left, or failed for the last time. */
  queueDelivery(app: string, queue: string, outcome: QueueDeliveryOutcome): void;
  /** One tick of a scheduler: its flow ran (ok or failed), or it was skipped while the previous tick ran. */
  scheduleTick(app: string, flow: string, outcome: ScheduleTickOutcome): void;
}

export type QueueDeliveryOutcome = 'ok' | 'retried' | 'dead-lettered';
export type ScheduleTickOutcome = 'ok' | 'failed' | 'skipped';

/** Counts nothing: the default where no runtime collects metrics (validation, plain tests). */
export const NO_METRICS: RuntimeMetrics = {
  request() {},
  policyRejection() {},
  deploy() {},
  queueDelivery() {},
  scheduleTick() {},
};
