import type { EventEmitter } from 'node:events';
import type { Queue, QueueEvents } from 'bullmq';
import type { JobData, JobResult } from './bullmq-names.js';

/** How a request's job ended: the handler's reply, or what it threw. */
export type Finish = { readonly reply: string | undefined } | { readonly reason: string };

/**
 * How often a waiting request reads its job, besides listening for its event: an event reader that
 * was reconnecting (BullMQ waits 5 s after a connection error) may have missed the event.
 */
const POLL_MS = 500;

/**
 * Waits for the job `id` to finish: its `completed` or `failed` event, or its state read now and
 * then. Undefined when it did not finish within `timeoutMs`.
 */
export function finished(events: QueueEvents, queue: Queue<JobData, JobResult>, id: string, timeoutMs: number): Promise<Finish | undefined> {
  // Per-job events (`completed:<id>`) are not in QueueEvents' typed listener map.
  const emitter: EventEmitter = events;
  return new Promise((resolve) => {
    let done = false;
    const onCompleted = (args: { returnvalue?: unknown }) => finish({ reply: replyOf(args.returnvalue) });
    const onFailed = (args: { failedReason?: string }) => finish({ reason: args.failedReason ?? '' });
    const check = () => {
      read(queue, id).then(
        (state) => state && finish(state),
        () => undefined, // Redis away: the next poll, or the timeout
      );
    };
    const timer = setTimeout(() => finish(undefined), Math.max(0, timeoutMs));
    const poll = setInterval(check, POLL_MS);
    function finish(outcome: Finish | undefined): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      emitter.off(`completed:${id}`, onCompleted);
      emitter.off(`failed:${id}`, onFailed);
      resolve(outcome);
    }
    emitter.on(`completed:${id}`, onCompleted);
    emitter.on(`failed:${id}`, onFailed);
    // Once listening: it may have finished before.
    check();
  });
}

async function read(queue: Queue<JobData, JobResult>, id: string): Promise<Finish | undefined> {
  // The state first: once finished, the job's reply or failure is there to read (read the other
  // way round, the job may be read just before it finished).
  const state = await queue.getJobState(id);
  if (state !== 'completed' && state !== 'failed') return undefined;
  const job = await queue.getJob(id);
  if (!job) return undefined;
  return state === 'completed' ? { reply: replyOf(job.returnvalue) } : { reason: job.failedReason ?? '' };
}

function replyOf(value: unknown): string | undefined {
  const reply = typeof value === 'object' && value !== null ? (value as JobResult).reply : undefined;
  return typeof reply === 'string' ? reply : undefined;
}
