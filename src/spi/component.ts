import type { Logger } from 'pino';
import type { DiagnosticCode } from '../errors/diagnostic-codes.js';
import type { ErrorType } from '../errors/error-type.js';
import type { CompiledExpression } from '../expr/compile.js';
import type { Value } from '../expr/value.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { StoreFactory } from '../stores/store.js';
import type { QueueFactory } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
import type { ApiBinding, Gate } from '../policies/shared/policy.js';
import type { AppSettings, BoundSource } from '../runtime/app.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import type { Flow } from '../runtime/flow.js';
import type { FlowLookup, Processor } from '../runtime/processor.js';
import type { ElementSpec } from './spec.js';

/**
 * An element being built, seen through its spec: attribute values come back typed and compiled,
 * and every problem is recorded as a located diagnostic instead of being thrown.
 */
export interface ComponentNode {
  readonly element: XmlElement;
  readonly loc: SourceLocation;
  /** `<key> "doc:name" at file:line:col`, for logs and error reports. */
  readonly location: string;
  /** The literal value of an attribute (or its default). */
  literal(name: string): string | undefined;
  int(name: string): number | undefined;
  bool(name: string): boolean | undefined;
  /** An attribute read with the kind its spec declares (literal, expression, template). */
  value(name: string): Value | undefined;
  /** The element's text, read with the kind its spec declares. */
  text(): Value | undefined;
  /**
   * A JSONata script from the element's text or from the file its `resource` attribute names;
   * DataWeave gets a diagnostic pointing to the porting guide.
   */
  script(): CompiledExpression | undefined;
  /**
   * A file of the app an attribute names (`schema="schemas/order.json"`), looked up as `resource`
   * files are; a missing one is a load error at `at`.
   */
  readResource(path: string, at?: SourceLocation): { readonly text: string; readonly file: string } | undefined;
  child(key: string): ComponentNode | undefined;
  children(key: string): ComponentNode[];
  /** The element's processor children, composed into one pipeline. */
  processors(): Processor;
  /** The element's `error-handler` child, if any. */
  errorHandler(): ErrorHandler | undefined;
  /** The global config an attribute (default `config-ref`) names, as its type built it. */
  config<T>(attr?: string): T | undefined;
  /** Resolves a written error type for raising or handling. */
  errorType(text: string, usage: 'raise' | 'handle', at?: SourceLocation): ErrorType | undefined;
  /** A flow or sub-flow by name; usable at run time (flows are filled in after build). */
  flow(name: string): Flow | undefined;
  readonly services: BuildServices;
  /**
   * Records a load error at `at` (default: the element), under a code of the catalogue so editors
   * and CI scripts can match on it.
   * @example node.error('listener-port-out-of-range', `port ${port} is out of range (0-65535)`)
   */
  error(code: DiagnosticCode, message: string, hint?: string, at?: SourceLocation): void;
  /** Records a warning: the app loads, but something does not do what it says. */
  warn(code: DiagnosticCode, message: string, hint?: string, at?: SourceLocation): void;
}

/** App-wide services components may keep for run time. */
export interface BuildServices {
  readonly log: Logger;
  readonly flows: FlowLookup;
  /** The app's resolved property, as `${name}` would give it. */
  property(name: string): string | undefined;
  /** The app's `<configuration>` settings (Mule's defaults when it has none). */
  readonly settings: AppSettings;
  /**
   * Registers what to release when the app stops (connection pools …), however deep the component sits.
   * A `'drain'` is work in hand (async branches) that may still use what the others close: every
   * drain of the retiring flows and globals ends before any other release starts.
   */
  onStop(release: () => Promise<void>, phase?: 'drain'): void;
  /** The API a flow is bound to by `<api-gateway:autodiscovery>`, if any. */
  governance(flowName: string): ApiBinding | undefined;
  /** The API manager governed requests pass; absent when nothing runs the app (validation). */
  readonly gate?: Gate;
  /** Where sources report requests (NO_METRICS when nothing collects them). */
  readonly metrics: RuntimeMetrics;
  /** The app's name, as metrics and logs label it. */
  readonly appName: string;
  /** The runtime's stores (memory, or Redis with --redis): they outlive reloads and, on Redis, restarts. */
  readonly stores: StoreFactory;
  /** The runtime's message queues (VM): memory, or BullMQ on Redis shared by every runtime of the app. */
  readonly queues: QueueFactory;
  /** The runtime's schedules (scheduler source): timers, or BullMQ job schedulers firing once per cluster. */
  readonly schedules: ScheduleFactory;
  /** Binds a source a global element serves (the OAuth provider's endpoints), as a flow's listener is bound. */
  bind(source: BoundSource): void;
}

/** A processor element (`set-payload`, `choice` …). */
export interface StepType {
  readonly element: string;
  readonly spec: ElementSpec;
  /** Error types it may raise, for docs and handler checks. */
  readonly throws?: readonly ErrorType[];
  build(node: ComponentNode): Processor | undefined;
}

/** A global element (`http:listener-config` …) that other elements reference by name. */
export interface GlobalType {
  readonly element: string;
  readonly spec: ElementSpec;
  build(node: ComponentNode): unknown;
}

/** A message source element (`http:listener` …), the first element of a flow. */
export interface SourceType {
  readonly element: string;
  readonly spec: ElementSpec;
  build(node: ComponentNode, flow: Flow): BoundSource | undefined;
}
