import type { RetryPolicy } from '../../queues/queue.js';
import type { ComponentNode } from '../../spi/component.js';

/** Deliveries of a message whose flow keeps failing, unless `flowrt.vm.maxAttempts` says otherwise. */
const DEFAULT_ATTEMPTS = 3;
/** The wait before the first redelivery, ms (doubled for each further one), unless `flowrt.vm.retryBackoff` says otherwise. */
const DEFAULT_BACKOFF_MS = 1000;

/**
 * How a listener redelivers a message its flow failed on, before dead-lettering it: Mule's
 * `<redelivery-policy maxRedeliveryCount>` when the listener has one (that many redeliveries after
 * the first delivery), else the app's `flowrt.vm.maxAttempts` (deliveries in all); the backoff from
 * `flowrt.vm.retryBackoff` (ms). A wrong property is a load error.
 */
export function retryPolicy(node: ComponentNode): RetryPolicy | undefined {
  const redelivery = node.child('redelivery-policy');
  const attempts = redelivery ? (redelivery.int('maxRedeliveryCount') ?? 5) + 1 : whole(node, 'flowrt.vm.maxAttempts', DEFAULT_ATTEMPTS, 1);
  const backoffMs = whole(node, 'flowrt.vm.retryBackoff', DEFAULT_BACKOFF_MS, 0);
  if (attempts === undefined || backoffMs === undefined) return undefined;
  if (attempts < 1) {
    redelivery?.error(
      'value-below-minimum',
      `maxRedeliveryCount must be at least 0, not ${attempts - 1}`,
      'give how many times a failed message is redelivered',
    );
    return undefined;
  }
  return { attempts, backoffMs };
}

function whole(node: ComponentNode, property: string, fallback: number, least: number): number | undefined {
  const text = node.services.property(property);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (Number.isInteger(n) && n >= least) return n;
  node.error('invalid-property', `${property} "${text}" is not a whole number of at least ${least}`, `e.g. ${property}: ${fallback} in config.yaml`);
  return undefined;
}
