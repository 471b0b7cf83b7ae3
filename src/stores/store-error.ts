import { FlowrtError } from '../errors/flowrt-error.js';

/**
 * A store could not be reached (Redis down, unreachable or closed). Thrown instead of hanging, so
 * a caller can answer 503 rather than wait forever. Messages name the server as
 * `redis://host:port`, never with the password of its URL.
 */
export class StoreUnavailableError extends FlowrtError<'store-unavailable'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store-unavailable', message, options);
  }
}
