import type { Diagnostic } from '../errors/diagnostic.js';
import { error, hasErrors } from '../errors/diagnostic.js';
import { ErrorTypeRepository } from '../errors/error-type-repository.js';
import type { CompileOptions } from '../expr/compile.js';
import { createLibrary } from '../expr/functions.js';
import type { AppGraph } from '../graph/app-graph.js';
import { fingerprints } from '../graph/fingerprints.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import type { ApiBinding } from '../policies/shared/policy.js';
import { App, DEFAULT_SETTINGS } from '../runtime/app.js';
import type { AppSettings, BoundSource } from '../runtime/app.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import { withErrorMappings } from '../runtime/error-mapping.js';
import type { Flow } from '../runtime/flow.js';
import { NO_METRICS } from '../runtime/metrics.js';
import type { Processor } from '../runtime/processor.js';
import type { BuildServices } from '../spi/component.js';
import { MemoryStoreFactory } from '../stores/memory-store.js';
import { MemoryQueueFactory } from '../queues/memory-queue.js';
import { MemoryScheduleFactory } from '../queues/memory-schedule.js';
import type { BuildInput, BuildResult } from './build-input.js';
import type { HandlerCache } from './error-handlers.js';
import { buildErrorHandler } from './error-handlers.js';
import { errorMappings } from './error-mappings.js';
import { Node } from './node.js';
import { dataWeaveHost } from './dataweave-host.js';
import type { Registry } from './registry.js';
import { defaultRegistry } from './registry.js';
import type { BuildState, Resource } from './state.js';
import { reportMisplaced } from './unknown.js';

type Releases = Map<string, Array<() => Promise<void>>>;

/**
 * One app build: what every element being built shares (BuildState), what the app will be made
 * of, and whose element is being built — the flow or global that `onStop` releases belong to,
 * set only through {@link within}.
 */
export class BuildSession implements BuildState {
  readonly diagnostics: Diagnostic[] = [];
  readonly flows = new Map<string, Flow>();
  readonly compile: CompileOptions;
  readonly registry: Registry;
  readonly errorTypes = new ErrorTypeRepository();
  readonly graph: AppGraph;
  readonly services: BuildServices;
  readonly handlers: HandlerCache = { handlers: new Map(), onErrors: new Map() };
  /** Filled from <configuration> before anything else is built, so every component sees it. */
  readonly settings: { -readonly [K in keyof AppSettings]: AppSettings[K] } = { ...DEFAULT_SETTINGS };
  /** Flow name → the API it belongs to (`api-gateway:autodiscovery`). */
  readonly bindings = new Map<string, ApiBinding>();
  private readonly configs = new Map<string, unknown>();
  private readonly built = new Map<XmlElement, unknown>();
  private readonly releases: Releases = new Map();
  private readonly drains: Releases = new Map();
  private readonly sources: BoundSource[] = [];
  private readonly prints: ReadonlyMap<string, string>;
  /** The flow or global being built: whose releases `onStop` records. */
  private owner = '';

  constructor(private readonly input: BuildInput) {
    this.graph = input.graph;
    this.registry = input.registry ?? defaultRegistry();
    this.compile = {
      library: createLibrary({ property: input.property }),
      limits: input.limits,
      language: input.expressions,
      dataweave: dataWeaveHost(input, this.flows, () => this.owner),
    };
    this.prints = fingerprints(input.graph, input.salt ?? '');
    this.services = {
      log: input.log,
      flows: this.flows,
      property: input.property,
      settings: this.settings,
      onStop: (release, phase) => this.onStop(release, phase),
      governance: (flowName) => this.bindings.get(flowName),
      gate: input.gate,
      metrics: input.metrics ?? NO_METRICS,
      appName: input.name,
      stores: input.stores ?? new MemoryStoreFactory(),
      queues: input.queues ?? new MemoryQueueFactory(),
      schedules: input.schedules ?? new MemoryScheduleFactory(),
      // Bound under the global being built, so a reload that keeps the global keeps its sources.
      bind: (source) => this.sources.push(source),
    };
  }

  /** Runs `build` as the building of the flow or global `owner`: what it registers to release is that element's. */
  within<T>(owner: string, build: () => T): T {
    const outer = this.owner;
    this.owner = owner;
    try {
      return build();
    } finally {
      this.owner = outer;
    }
  }

  /** Whether the version this build replaces has `name` unchanged, so it is kept rather than rebuilt. */
  kept(name: string): boolean {
    const { previous } = this.input;
    return previous !== undefined && previous.fingerprints.get(name) === this.prints.get(name);
  }

  /** The flow `name` of the version this build replaces, when it is kept. */
  keptFlow(name: string): Flow | undefined {
    return this.kept(name) ? this.input.previous!.flows.get(name) : undefined;
  }

  /** A kept flow or global brings what it serves (listeners, the OAuth provider's endpoints) and holds. */
  carryOver(name: string): void {
    const previous = this.input.previous!;
    this.sources.push(...previous.sources.filter((s) => s.flowName === name));
    const carried = previous.releases.get(name);
    if (carried) this.releases.set(name, carried as Array<() => Promise<void>>);
    const drains = previous.drains.get(name);
    if (drains) this.drains.set(name, drains as Array<() => Promise<void>>);
  }

  /** A flow's source, built with it. */
  bindSource(source: BoundSource): void {
    this.sources.push(source);
  }

  /** Each global is built (and checked) once, however often it is referenced. */
  buildGlobal(el: XmlElement): unknown {
    if (this.built.has(el)) return this.built.get(el);
    this.built.set(el, undefined);
    const name = el.attrs.get('name')?.value;
    let result: unknown;
    if (name !== undefined && this.kept(name) && this.input.previous!.configs.has(name)) {
      result = this.input.previous!.configs.get(name);
      this.carryOver(name);
    } else {
      const type = this.registry.globals.get(el.key);
      const build = (): unknown => (type ? type.build(new Node(el, type.spec, this)) : undefined);
      // An unnamed global's releases stay with whoever is being built.
      result = name === undefined ? build() : this.within(name, build);
    }
    this.built.set(el, result);
    if (name !== undefined && result !== undefined) this.configs.set(name, result);
    return result;
  }

  readResource(path: string, at: SourceLocation): Resource | undefined {
    const found = this.input.readResource(path);
    if (!found)
      this.diagnostics.push(
        error('missing-resource', `resource "${path}" does not exist in the app`, at, 'paths are relative to the app folder (or src/main/resources)'),
      );
    return found;
  }

  step(el: XmlElement): Processor | undefined {
    const type = this.registry.steps.get(el.key);
    if (!type) return void reportMisplaced(el, 'processor', this);
    const before = this.diagnostics.length;
    const node = new Node(el, type.spec, this);
    const processor = type.build(node);
    // A type that gives up must have said why; this catches one that did not.
    if (!processor && !this.input.earlierErrors && !hasErrors(this.diagnostics.slice(before)))
      this.diagnostics.push(error('build-failed', `<${el.key}> could not be built`, el.loc));
    const mappings = type.spec.children?.['error-mapping'] ? errorMappings(node) : [];
    return processor && withErrorMappings(processor, mappings);
  }

  errorHandler(el: XmlElement): ErrorHandler | undefined {
    return buildErrorHandler(el, this, this.handlers);
  }

  config(name: string, expected: string | undefined, at: SourceLocation): unknown {
    const el = this.graph.globals.get(name);
    if (!el) return undefined;
    if (expected && el.key !== expected) {
      this.diagnostics.push(error('wrong-ref', `"${name}" is a <${el.key}>, but a <${expected}> is needed here`, at));
      return undefined;
    }
    return this.buildGlobal(el);
  }

  /** The app, unless something is wrong: then only the problems. */
  finish(): BuildResult {
    const { diagnostics } = this;
    if (hasErrors(diagnostics)) return { diagnostics };
    const apis = new Map([...this.bindings].map(([flow, b]) => [flow, b.apiId]));
    const { flows, sources, configs, releases, drains } = this;
    return {
      app: new App({ name: this.input.name, flows, sources, configs, settings: { ...this.settings }, releases, drains, apis, fingerprints: this.prints }),
      diagnostics,
    };
  }

  private onStop(release: () => Promise<void>, phase?: 'drain'): void {
    const map = phase === 'drain' ? this.drains : this.releases;
    if (!map.has(this.owner)) map.set(this.owner, []);
    map.get(this.owner)!.push(release);
  }
}
