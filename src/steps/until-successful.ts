import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { sleep } from '../util/sleep.js';
import { attach } from '../runtime/pipeline.js';
import type { StepType } from '../spi/component.js';

/** Retries an expression may ask for, unless the app's `flowrt.limits.maxRetries` property says otherwise. */
export const DEFAULT_MAX_RETRIES_LIMIT = 100;

/**
 * `<until-successful maxRetries millisBetweenRetries>`: runs its processors from the event as it
 * entered until they succeed, waiting between attempts; after the last retry fails,
 * MULE:RETRY_EXHAUSTED, with the last error as its cause and child
 * (docs.mulesoft.com/mule-runtime/latest/until-successful-scope). A count an expression gives
 * (from a request, possibly) is bounded by `flowrt.limits.maxRetries`; the waiting stops when the
 * client has gone (FLOWRT:CANCELLED).
 */
export const untilSuccessful: StepType = {
  element: 'until-successful',
  spec: {
    attributes: {
      maxRetries: { kind: 'expression-supported', default: '5' },
      millisBetweenRetries: { kind: 'expression-supported', default: '60000' },
    },
    processors: true,
  },
  build(node) {
    const maxRetries = node.value('maxRetries')!;
    const wait = node.value('millisBetweenRetries')!;
    const body = node.processors();
    const limit = retriesLimit(node.services.property('flowrt.limits.maxRetries'));
    if (typeof limit === 'string') {
      node.error('invalid-property', limit, 'give a whole number of at least 0, e.g. flowrt.limits.maxRetries: 1000 in config.yaml');
      return undefined;
    }
    return {
      location: node.location,
      async process(event, ctx) {
        const retries = count(await maxRetries.evaluate(event), 'maxRetries');
        if (!maxRetries.constant && retries > limit) {
          throw new FlowError(MULE.EXPRESSION, `maxRetries ${retries} is more than the ${limit} an expression may ask for (flowrt.limits.maxRetries)`);
        }
        const pause = count(await wait.evaluate(event), 'millisBetweenRetries');
        for (let attempt = 0; ; attempt++) {
          try {
            return await body.process(event, ctx);
          } catch (e) {
            const err = attach(e, event);
            if (err.type.isA(MULE.CRITICAL)) throw err;
            if (attempt >= retries) {
              throw new FlowError(MULE.RETRY_EXHAUSTED, `'until-successful' retries exhausted. Last error: ${err.type.id}: ${err.description}`, {
                cause: err,
                childErrors: [err],
                errorMessage: err.errorMessage,
              });
            }
            ctx.log.debug({ attempt: attempt + 1, errorType: err.type.id }, 'until-successful: retrying');
            await sleep(pause, ctx.cancellation?.signal);
          }
        }
      },
    };
  },
};

function retriesLimit(text: string | undefined): number | string {
  if (text === undefined) return DEFAULT_MAX_RETRIES_LIMIT;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : `flowrt.limits.maxRetries "${text}" is not a whole number of at least 0`;
}

function count(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FlowError(MULE.EXPRESSION, `${what} must be a whole number of at least 0, not ${JSON.stringify(value)}`);
  return n;
}
