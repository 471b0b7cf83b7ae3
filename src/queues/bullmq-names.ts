import type { Delivery, Envelope } from './queue.js';

/**
 * A queue's name as BullMQ may have it: BullMQ refuses ':' (its keys are `<prefix>:<queue>:<kind>`),
 * so ':' becomes `%3A` and '%' itself `%25`. Reversible ({@link flowrtQueueName}), and readable for
 * the usual `app/queue` names, which it leaves alone.
 */
export function bullQueueName(name: string): string {
  return name.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
}

export function flowrtQueueName(bullName: string): string {
  return bullName.replace(/%(25|3A)/g, (m) => (m === '%25' ? '%' : ':'));
}

/** A message as a BullMQ job's data. */
export interface JobData {
  readonly body: string;
  readonly correlationId: string;
  readonly publishedAt: number;
}

/** Job names: what kind of message a job is. */
export const MESSAGE = 'message';
export const REQUEST = 'request';

/**
 * A handler's reply as a job's return value: wrapped, so that `undefined` and `""` survive BullMQ's
 * JSON (which has no `undefined`).
 */
export interface JobResult {
  readonly reply?: string;
}

export function jobData(envelope: Envelope): JobData {
  return { body: envelope.body, correlationId: envelope.correlationId, publishedAt: envelope.publishedAt };
}

/** The delivery of a job: `attemptsMade` counts its failed deliveries (a stall is not one). */
export function deliveryOfJob(job: {
  readonly id?: string | undefined;
  readonly name: string;
  readonly data: JobData;
  readonly attemptsMade: number;
}): Delivery {
  const { body, correlationId, publishedAt } = job.data;
  return { body, correlationId, publishedAt, id: job.id ?? '', attempt: job.attemptsMade + 1, request: job.name === REQUEST };
}
