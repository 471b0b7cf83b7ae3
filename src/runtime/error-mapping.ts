import type { ErrorType } from '../errors/error-type.js';
import { FlowError } from '../errors/flow-error.js';
import type { Processor } from './processor.js';

/** One `<error-mapping sourceType targetType>` of an operation. */
export interface ErrorMapping {
  readonly source: ErrorType;
  readonly target: ErrorType;
}

/**
 * Mule's error mappings on an operation: an error the operation raises is raised again as the
 * target of the first mapping whose source it is (or descends from), with its description,
 * error message and the original error as cause. Critical errors are never mapped: they are not
 * under ANY. Errors of the steps around the operation are not its errors and pass unchanged.
 */
export function withErrorMappings(processor: Processor, mappings: readonly ErrorMapping[]): Processor {
  if (mappings.length === 0) return processor;
  return {
    location: processor.location,
    start: processor.start && (() => processor.start!()),
    stop: processor.stop && (() => processor.stop!()),
    async process(event, ctx) {
      try {
        return await processor.process(event, ctx);
      } catch (e) {
        if (!(e instanceof FlowError)) throw e;
        const mapping = mappings.find((m) => e.type.isA(m.source));
        if (!mapping) throw e;
        const mapped = new FlowError(mapping.target, e.description, {
          cause: e,
          detailedDescription: e.detailedDescription,
          errorMessage: e.errorMessage,
          childErrors: e.childErrors,
        });
        mapped.event = e.event;
        mapped.failingComponent = e.failingComponent;
        throw mapped;
      }
    },
  };
}
