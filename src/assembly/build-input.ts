import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { ExpressionLanguage, ExpressionLimits } from '../expr/compile.js';
import type { AppGraph } from '../graph/app-graph.js';
import type { Gate } from '../policies/shared/policy.js';
import type { App } from '../runtime/app.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { StoreFactory } from '../stores/store.js';
import type { QueueFactory } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
import type { Registry } from './registry.js';
import type { Resource } from './state.js';

export interface BuildInput {
  readonly name: string;
  readonly graph: AppGraph;
  /** The app's resolved properties. */
  readonly property: (name: string) => string | undefined;
  /** Reads a file an element names, relative to the app; undefined when there is none. */
  readonly readResource: (path: string) => Resource | undefined;
  readonly log: Logger;
  readonly registry?: Registry;
  readonly limits?: ExpressionLimits;
  /** The language of inline `#[…]` expressions (JSONata when absent). */
  readonly expressions?: ExpressionLanguage;
  /** A file of the app as bytes, by its path inside the app (DataWeave's `readUrl("classpath://…")`). */
  readonly readBytes?: (path: string) => Uint8Array | undefined;
  /** Whether earlier stages (graph) already found errors: a step that cannot build then needs no message of its own. */
  readonly earlierErrors?: boolean;
  /** The API manager governed flows pass through; absent when the app is only checked. */
  readonly gate?: Gate;
  /** The version this build replaces: its unchanged flows and configs are kept, not rebuilt. */
  readonly previous?: App;
  /** What every element depends on besides its definition (properties, resource files). */
  readonly salt?: string;
  readonly metrics?: RuntimeMetrics;
  /** The runtime's stores; a build without a runtime (validation) gets memory ones. */
  readonly stores?: StoreFactory;
  /** The runtime's queues and schedules; a build without a runtime gets memory ones, never started. */
  readonly queues?: QueueFactory;
  readonly schedules?: ScheduleFactory;
}

export interface BuildResult {
  readonly app?: App;
  readonly diagnostics: Diagnostic[];
}
