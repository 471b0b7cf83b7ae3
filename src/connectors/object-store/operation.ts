import type { FlowEvent } from '../../runtime/event.js';
import type { TargetValue } from '../../runtime/target.js';
import { applyTarget } from '../../runtime/target.js';
import type { ComponentNode } from '../../spi/component.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';
import type { AttrSpec, ChildSpec } from '../../spi/spec.js';
import { OBJECT_STORE_REF } from './open-store.js';

/** What every Object Store operation takes besides its own parameters. */

export const KEY: AttrSpec = { kind: 'expression-supported', required: true, doc: 'The key, as text; null, empty or blank raises OS:INVALID_KEY.' };

export const STORE_PARAMS: Readonly<Record<string, AttrSpec>> = { objectStore: OBJECT_STORE_REF };

/** Of the operations that answer something (retrieve, contains, retrieve-all, retrieve-all-keys). */
export const TARGET_PARAMS: Readonly<Record<string, AttrSpec>> = {
  target: { kind: 'literal' },
  targetValue: { kind: 'expression', default: '#[payload]' },
};

export const OPERATION_CHILDREN: Readonly<Record<string, ChildSpec>> = { 'error-mapping': ERROR_MAPPING };

/** Puts an operation's output where Mule does: the payload (its attributes gone), or the `target` variable. */
export type Answer = (event: FlowEvent, payload: unknown, mediaType?: string) => Promise<FlowEvent>;

export function answer(node: ComponentNode): Answer {
  const target = node.literal('target');
  const value = target ? node.value('targetValue') : undefined;
  const targetValue: TargetValue | undefined = value && ((r) => value.evaluate(r));
  return (event, payload, mediaType) => {
    // An operation whose output has no attributes leaves none (Mule's Result<T, Void>).
    const result = event.with({ message: { payload, attributes: undefined, mediaType } });
    return applyTarget(event, result, target, targetValue);
  };
}
