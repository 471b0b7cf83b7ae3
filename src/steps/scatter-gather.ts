import type { FlowEvent } from '../runtime/event.js';
import { settleAll } from '../runtime/concurrency.js';
import { compositeError, messageOf } from '../runtime/composite.js';
import { applyTarget } from '../runtime/target.js';
import type { StepType } from '../spi/component.js';

const ROUTE = { attributes: {}, processors: true, required: true, max: Infinity } as const;

/**
 * `<scatter-gather maxConcurrency timeout target targetValue>` with two or more `<route>`s: the
 * routes run concurrently on the same event; the result payload is `{"0": {payload, attributes},
 * "1": …}`. A variable one route changed keeps that route's value; one changed by several routes
 * becomes the list of their values, in route order. Failures: MULE:COMPOSITE_ROUTING with each
 * route's error (docs.mulesoft.com/mule-runtime/latest/scatter-gather-concept).
 */
export const scatterGather: StepType = {
  element: 'scatter-gather',
  spec: {
    attributes: {
      maxConcurrency: { kind: 'literal', type: 'integer' },
      timeout: { kind: 'literal', type: 'integer', default: '0' },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
    children: { route: ROUTE },
    notYet: { 'collect-list': 'the result is keyed by route index ("0", "1" …); $each or a transform makes the list' },
  },
  build(node) {
    const routes = node.children('route').map((r) => r.processors());
    if (routes.length < 2) node.error('too-few-routes', 'a scatter-gather needs at least two routes');
    const limit = node.int('maxConcurrency') ?? Infinity;
    if (limit < 1) node.error('value-below-minimum', 'maxConcurrency must be at least 1');
    const timeout = node.int('timeout') ?? 0;
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    return {
      location: node.location,
      async process(event, ctx) {
        const outcomes = await settleAll(
          routes.map((route) => () => route.process(event, ctx)),
          limit,
          timeout,
        );
        const failed = compositeError(outcomes, event);
        if (failed) throw failed;
        const results = outcomes.map((o) => (o as { value: FlowEvent }).value);
        const payload = Object.fromEntries(results.map((r, i) => [String(i), messageOf(r)]));
        const result = event.with({ message: { payload, attributes: undefined }, vars: mergeVars(event, results) });
        return applyTarget(event, result, target, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};

function mergeVars(before: FlowEvent, results: readonly FlowEvent[]): Readonly<Record<string, unknown>> {
  const changed = new Map<string, unknown[]>();
  for (const r of results) {
    for (const [name, value] of Object.entries(r.vars)) {
      if (before.vars[name] === value && name in before.vars) continue;
      if (!changed.has(name)) changed.set(name, []);
      changed.get(name)!.push(value);
    }
  }
  const vars: Record<string, unknown> = { ...before.vars };
  for (const [name, values] of changed) vars[name] = values.length === 1 ? values[0] : values;
  return Object.freeze(vars);
}
