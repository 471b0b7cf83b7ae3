import { guarded } from '../runtime/error-handler.js';
import type { StepType } from '../spi/component.js';

/**
 * `<try>`: its own error handler around its processors. on-error-continue resumes after the try
 * with the handler's result; on-error-propagate (or no match) passes the error outwards.
 */
export const tryScope: StepType = {
  element: 'try',
  spec: {
    attributes: {
      transactionalAction: { kind: 'literal', default: 'INDIFFERENT', values: ['INDIFFERENT', 'ALWAYS_BEGIN', 'BEGIN_OR_JOIN'] },
      transactionType: { kind: 'literal', values: ['LOCAL', 'XA'] },
    },
    processors: true,
    errorHandler: true,
  },
  build(node) {
    if ((node.literal('transactionalAction') ?? 'INDIFFERENT') !== 'INDIFFERENT') {
      node.warn('ignored-setting', 'transactions are not supported by flowrt: the try scope runs without one', 'remove transactionalAction');
    }
    const body = node.processors();
    const handler = node.errorHandler();
    return {
      location: node.location,
      process: (event, ctx) => guarded(body, handler, event, ctx, `try ${node.location}`),
    };
  },
};
