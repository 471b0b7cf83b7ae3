import type { Diagnostic } from '../errors/diagnostic.js';
import { FlowrtError } from '../errors/flowrt-error.js';

/** Why an operation on applications failed; each maps to one HTTP status of the admin API. */
export type ApplicationErrorCode = 'not_found' | 'conflict' | 'invalid_request' | 'invalid_change' | 'temporarily_unavailable' | 'bad_gateway';

export const APPLICATION_ERROR_STATUS: Readonly<Record<ApplicationErrorCode, number>> = {
  not_found: 404,
  conflict: 409,
  invalid_request: 400,
  invalid_change: 400,
  temporarily_unavailable: 503,
  bad_gateway: 502,
};

export class ApplicationError extends FlowrtError<ApplicationErrorCode> {
  constructor(
    code: ApplicationErrorCode,
    message: string,
    /** For `invalid_change`: what the document would not accept, located. */
    readonly problems: readonly Diagnostic[] = [],
  ) {
    super(code, message);
  }
}
