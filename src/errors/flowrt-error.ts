/**
 * The base of flowrt's own run-time errors (not Mule's: those are {@link FlowError}s). Each
 * subclass narrows `code` to a literal union, so a `switch` on it narrows as jose's errors do, and
 * `name` is the class name, so a logged or printed error says which one it is.
 *
 * @example
 * ```ts
 * export class ArchiveError extends FlowrtError<ArchiveErrorCode> {}
 * try { await unpack(file); } catch (e) { if (e instanceof ArchiveError && e.code === 'checksum-mismatch') … }
 * ```
 */
export class FlowrtError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // new.target is the class constructed, so every subclass is named without restating it.
    this.name = new.target.name;
  }
}
