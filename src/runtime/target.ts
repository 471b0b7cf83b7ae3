import type { FlowEvent } from './event.js';

/** Evaluates `targetValue` over the operation's result; Mule's default is `#[payload]`. */
export type TargetValue = (result: FlowEvent) => Promise<unknown>;

/**
 * Mule's `target`: the operation's result goes into a variable and the original message stays
 * as it was. Without a target, the result event simply replaces the original.
 */
export async function applyTarget(
  original: FlowEvent,
  result: FlowEvent,
  target: string | undefined,
  targetValue: TargetValue | undefined,
): Promise<FlowEvent> {
  if (!target) return result;
  const value = targetValue ? await targetValue(result) : result.message.payload;
  return original.withVar(target, value);
}
