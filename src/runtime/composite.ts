import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { Message } from '../model/message.js';
import type { FlowEvent } from './event.js';
import { attach } from './pipeline.js';
import type { Settled } from './concurrency.js';

/** A route's message as routers put it in their results: `{payload, attributes}`. */
export function messageOf(event: FlowEvent): { payload: unknown; attributes: unknown } {
  return { payload: event.message.payload, attributes: event.message.attributes ?? null };
}

/**
 * Mule's MULE:COMPOSITE_ROUTING for routes that failed: the description lists each, childErrors
 * holds them, and errorMessage.payload has `results` and `failures` keyed by route index.
 */
export function compositeError(outcomes: ReadonlyArray<Settled<FlowEvent>>, fallback: FlowEvent): FlowError | undefined {
  const failures: Record<string, unknown> = {};
  const results: Record<string, unknown> = {};
  const children: FlowError[] = [];
  const lines: string[] = [];
  outcomes.forEach((o, i) => {
    if (o.ok) results[String(i)] = messageOf(o.value);
    else {
      const err = attach(o.error, fallback);
      children.push(err);
      failures[String(i)] = err.toValue();
      lines.push(`\tRoute ${i}: ${err.type.id}: ${err.description}`);
    }
  });
  if (children.length === 0) return undefined;
  const message: Message = { payload: { results, failures }, attributes: undefined };
  return new FlowError(MULE.COMPOSITE_ROUTING, `Error(s) were found for route(s):\n${lines.join('\n')}`, { childErrors: children, errorMessage: message });
}
