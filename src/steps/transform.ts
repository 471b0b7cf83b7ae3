import type { CompiledExpression } from '../expr/compile.js';
import type { FlowEvent } from '../runtime/event.js';
import type { StepType } from '../spi/component.js';

const script = { attributes: { resource: { kind: 'literal' as const } }, text: 'expression' as const };

/**
 * `<ee:transform>`: DataWeave scripts (a `%dw` header, or an app whose expressions are DataWeave)
 * or JSONata ones. Every script (`ee:set-payload`,
 * `ee:set-attributes`, each `ee:set-variable`) reads the event as it entered the transform,
 * and all results are applied together, as in Mule.
 */
export const transform: StepType = {
  element: 'ee:transform',
  spec: {
    attributes: {
      mode: { kind: 'literal', values: ['immediate', 'deferred'], doc: 'Accepted: flowrt computes the output at once either way; the result is the same.' },
    },
    children: {
      'ee:message': {
        attributes: {},
        children: { 'ee:set-payload': script, 'ee:set-attributes': script },
      },
      'ee:variables': {
        attributes: {},
        children: {
          'ee:set-variable': { ...script, attributes: { ...script.attributes, variableName: { kind: 'literal', required: true } }, max: Infinity },
        },
      },
    },
  },
  build(node) {
    const message = node.child('ee:message');
    const payload = message?.child('ee:set-payload')?.script();
    const attributes = message?.child('ee:set-attributes')?.script();
    const variables: Array<[string, CompiledExpression]> = [];
    for (const v of node.child('ee:variables')?.children('ee:set-variable') ?? []) {
      const name = v.literal('variableName');
      const compiled = v.script();
      if (name && compiled) variables.push([name, compiled]);
    }
    return {
      location: node.location,
      async process(event) {
        // The usual transform sets only the payload: no need to gather promises for it.
        const [p, a, ...vs] =
          attributes || variables.length > 0
            ? await Promise.all([payload?.evaluate(event), attributes?.evaluate(event), ...variables.map(([, s]) => s.evaluate(event))])
            : [await payload?.evaluate(event)];
        let out: FlowEvent = event;
        if (payload || attributes) {
          out = out.with({
            message: {
              payload: payload ? p : event.message.payload,
              attributes: attributes ? (a as Record<string, unknown>) : event.message.attributes,
              mediaType: payload ? payload.mediaType : event.message.mediaType,
            },
          });
        }
        if (variables.length > 0) {
          const vars: Record<string, unknown> = { ...out.vars };
          variables.forEach(([name], i) => (vars[name] = vs[i]));
          out = out.with({ vars: Object.freeze(vars) });
        }
        return out;
      },
    };
  },
};
