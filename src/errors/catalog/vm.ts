import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's VM connector (its VMError enum, under MULE:ANY, plus the CONNECTIVITY and
 * RETRY_EXHAUSTED every connector has): QUEUE_TIMEOUT when a full queue stayed full or a reply did
 * not come in time, EMPTY_QUEUE when vm:consume found nothing, PUBLISH_CONSUMER_FLOW_ERROR when the
 * flow answering a publish-consume failed (its description is that flow's error's). flowrt raises
 * CONNECTIVITY when the queues' Redis cannot be reached.
 */
export const VM = defineNamespace('VM', [
  ['QUEUE_TIMEOUT', MULE.ANY],
  ['EMPTY_QUEUE', MULE.ANY],
  ['PUBLISH_CONSUMER_FLOW_ERROR', MULE.ANY],
  ['CONNECTIVITY', MULE.CONNECTIVITY],
  ['RETRY_EXHAUSTED', MULE.RETRY_EXHAUSTED],
] as const);
