import type { EventLike } from '../scope.js';

/**
 * What a DataWeave script reaches of the app it runs in. The build session provides it; the
 * expression module knows nothing of flows or files itself.
 */
export interface DataWeaveHost {
  /** The app's resolved properties (`p('key')`, `Mule::p`). */
  property(name: string): string | undefined;
  /** A file of the app by its path inside the app (`readUrl("classpath://x.json")`). */
  readResource(path: string): Uint8Array | undefined;
  /** Runs flow `flowName` with `payload` as its payload (`lookup`), answering the payload it ends with. */
  lookup(flowName: string, payload: unknown, event: EventLike): Promise<unknown>;
  /** Where `log(…)` writes. */
  log(message: string): void;
  /** The flow whose element is being built (for the `flow` binding), if any. */
  flowName?(): string | undefined;
  /** The app's name (the `app.name` binding). */
  readonly appName?: string;
}
