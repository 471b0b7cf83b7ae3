/** A Mule message: payload, attributes of the source or last operation, and the payload's media type. */
export interface Message {
  readonly payload: unknown;
  readonly attributes: Readonly<Record<string, unknown>> | undefined;
  /** e.g. `application/json`; undefined lets the writer choose by the payload's type. */
  readonly mediaType?: string;
}
