import type { Message } from '../model/message.js';
import type { ErrorType, ErrorTypeValue } from './error-type.js';

export interface FlowErrorOptions {
  readonly cause?: unknown;
  readonly detailedDescription?: string;
  /** The message the failure produced, e.g. the HTTP response of a failed request. */
  readonly errorMessage?: Message;
  readonly childErrors?: readonly FlowError[];
}

/** The value `error` has in expressions, in the shape of Mule's `dw::Mule::Error`. */
export interface ErrorValue {
  description: string;
  detailedDescription: string;
  errorType: ErrorTypeValue;
  errorMessage: { payload: unknown; attributes: unknown } | null;
  childErrors: ErrorValue[];
  cause: string | null;
}

/**
 * A run-time Mule error. Steps and policies throw these, never a bare `Error`.
 *
 * @example
 * ```ts
 * throw new FlowError(HTTP.TIMEOUT, 'GET /stock timed out after 5000 ms', { cause });
 * ```
 */
export class FlowError extends Error {
  readonly detailedDescription: string;
  readonly errorMessage?: Message;
  readonly childErrors: readonly FlowError[];
  /**
   * The event at the point of failure, attached once by the runtime's pipeline so that
   * error handlers see the variables set before the failing step.
   */
  event?: unknown;
  /** `doc:name` or element and location of the step that failed, for logs. */
  failingComponent?: string;
  /** Set once an error handler has logged it, so that passing through more flows logs it once. */
  logged = false;
  private value?: ErrorValue;

  constructor(
    readonly type: ErrorType,
    readonly description: string,
    options: FlowErrorOptions = {},
  ) {
    super(`${type.id}: ${description}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlowError';
    this.detailedDescription = options.detailedDescription ?? description;
    this.errorMessage = options.errorMessage;
    this.childErrors = options.childErrors ?? [];
  }

  toValue(): ErrorValue {
    if (!this.value) {
      this.value = {
        description: this.description,
        detailedDescription: this.detailedDescription,
        errorType: this.type.toJSON(),
        errorMessage: this.errorMessage ? { payload: this.errorMessage.payload, attributes: this.errorMessage.attributes ?? null } : null,
        childErrors: this.childErrors.map((c) => c.toValue()),
        cause: this.cause instanceof Error ? this.cause.message : this.cause === undefined ? null : String(this.cause),
      };
    }
    return this.value;
  }
}
