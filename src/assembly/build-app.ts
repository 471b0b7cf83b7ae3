import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error, hasErrors } from '../errors/diagnostic.js';
import { ErrorTypeRepository } from '../errors/error-type-repository.js';
import type { ExpressionLimits } from '../expr/compile.js';
import { createLibrary } from '../expr/functions.js';
import type { AppGraph } from '../graph/app-graph.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import { App } from '../runtime/app.js';
import type { ApiBinding, Gate } from '../policies/shared/policy.js';
import type { AppSettings, BoundSource } from '../runtime/app.js';
import { DEFAULT_SETTINGS } from '../runtime/app.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import type { Flow } from '../runtime/flow.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import { NO_METRICS } from '../runtime/metrics.js';
import { MemoryStoreFactory } from '../stores/memory-store.js';
import type { StoreFactory } from '../stores/store.js';
import { fingerprints } from '../graph/fingerprints.js';
import type { BuildServices } from '../spi/component.js';
import type { HandlerCache } from './error-handlers.js';
import { buildErrorHandler, globalErrorHandler, globalOnError } from './error-handlers.js';
import { buildFlow, flowShell } from './flows.js';
import { Node } from './node.js';
import type { Registry } from './registry.js';
import { defaultRegistry } from './registry.js';
import type { BuildState, Resource } from './state.js';
import { reportMisplaced } from './unknown.js';
import { errorMappings } from './error-mappings.js';
import { withErrorMappings } from '../runtime/error-mapping.js';

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
}

export interface BuildResult {
  readonly app?: App;
  readonly diagnostics: Diagnostic[];
}

/**
 * Graph → runnable App: every element built by its registered type, expressions compiled
 * once, all problems collected. No I/O besides `readResource`; nothing is started.
 */
export function buildApp(input: BuildInput): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const flows = new Map<string, Flow>();
  const configs = new Map<string, unknown>();
  const built = new Map<XmlElement, unknown>();
  const handlers: HandlerCache = { handlers: new Map(), onErrors: new Map() };
  // Filled from <configuration> before anything else is built, so every component sees it.
  const settings: { -readonly [K in keyof AppSettings]: AppSettings[K] } = { ...DEFAULT_SETTINGS };
  const releases = new Map<string, Array<() => Promise<void>>>();
  // Whose releases onStop records: the flow or global being built.
  let owner = '';
  const bindings = new Map<string, ApiBinding>();
  const sources: BoundSource[] = [];
  const prints = fingerprints(input.graph, input.salt ?? '');
  const previous = input.previous;
  const kept = (name: string): boolean => previous !== undefined && previous.fingerprints.get(name) === prints.get(name);
  // A kept flow or global brings what it serves (listeners, the OAuth provider's endpoints) and holds.
  const carryOver = (name: string): void => {
    sources.push(...previous!.sources.filter((s) => s.flowName === name));
    const carried = previous!.releases.get(name);
    if (carried) releases.set(name, carried as Array<() => Promise<void>>);
  };
  const services: BuildServices = {
    log: input.log,
    flows,
    property: input.property,
    settings,
    onStop: (release) => {
      if (!releases.has(owner)) releases.set(owner, []);
      releases.get(owner)!.push(release);
    },
    governance: (flowName) => bindings.get(flowName),
    gate: input.gate,
    metrics: input.metrics ?? NO_METRICS,
    appName: input.name,
    stores: input.stores ?? new MemoryStoreFactory(),
    // Bound under the global being built, so a reload that keeps the global keeps its sources.
    bind: (source) => sources.push(source),
  };
  const state: BuildState = {
    diagnostics,
    compile: { library: createLibrary({ property: input.property }), limits: input.limits },
    registry: input.registry ?? defaultRegistry(),
    errorTypes: new ErrorTypeRepository(),
    graph: input.graph,
    flows,
    services,
    readResource(path: string, at: SourceLocation) {
      const found = input.readResource(path);
      if (!found) diagnostics.push(error('missing-resource', `resource "${path}" does not exist in the app`, at, 'paths are relative to the app folder (or src/main/resources)'));
      return found;
    },
    step(el) {
      const type = state.registry.steps.get(el.key);
      if (!type) return void reportMisplaced(el, 'processor', state);
      const before = diagnostics.length;
      const node = new Node(el, type.spec, state);
      const processor = type.build(node);
      // A type that gives up must have said why; this catches one that did not.
      if (!processor && !input.earlierErrors && !hasErrors(diagnostics.slice(before))) diagnostics.push(error('build-failed', `<${el.key}> could not be built`, el.loc));
      const mappings = type.spec.children?.['error-mapping'] ? errorMappings(node) : [];
      return processor && withErrorMappings(processor, mappings);
    },
    errorHandler: (el) => buildErrorHandler(el, state, handlers),
    config(name, expected, at) {
      const el = input.graph.globals.get(name);
      if (!el) return undefined;
      if (expected && el.key !== expected) {
        diagnostics.push(error('wrong-ref', `"${name}" is a <${el.key}>, but a <${expected}> is needed here`, at));
        return undefined;
      }
      return buildGlobal(el);
    },
  };

  // Each global is built (and checked) once, however often it is referenced.
  const buildGlobal = (el: XmlElement): unknown => {
    if (built.has(el)) return built.get(el);
    built.set(el, undefined);
    const name = el.attrs.get('name')?.value;
    let result: unknown;
    if (name !== undefined && kept(name) && previous!.configs.has(name)) {
      result = previous!.configs.get(name);
      carryOver(name);
    } else {
      const outer = owner;
      owner = name ?? owner;
      const type = state.registry.globals.get(el.key);
      result = type ? type.build(new Node(el, type.spec, state)) : undefined;
      owner = outer;
    }
    built.set(el, result);
    if (name !== undefined && result !== undefined) configs.set(name, result);
    return result;
  };

  // Declared up front so a handler may name a type raised further down; each raise-error reports its own problems.
  for (const { type } of input.graph.raisedTypes) state.errorTypes.declare(type);
  const reused = new Set<string>();
  for (const el of input.graph.flows) {
    const name = el.attrs.get('name')?.value;
    const old = name !== undefined && kept(name) ? previous!.flows.get(name) : undefined;
    if (old && !flows.has(old.name)) {
      flows.set(old.name, old);
      reused.add(old.name);
      continue;
    }
    const shell = flowShell(el);
    if (shell && !flows.has(shell.name)) flows.set(shell.name, shell);
  }

  const configuration = topLevel(input.graph, 'configuration');
  for (const extra of configuration.slice(1)) diagnostics.push(error('duplicate-configuration', 'an app may have one <configuration> element', extra.loc));
  if (configuration[0]) Object.assign(settings, buildGlobal(configuration[0]) as AppSettings | undefined);
  const defaultRef = configuration[0]?.attrs.get('defaultErrorHandler-ref');
  const defaultHandler = (): ErrorHandler | undefined => (defaultRef ? globalErrorHandler(defaultRef.value, state, handlers) : undefined);
  if (defaultRef && input.graph.globals.get(defaultRef.value)?.key !== 'error-handler') {
    diagnostics.push(error('wrong-ref', `defaultErrorHandler-ref="${defaultRef.value}" must name a global <error-handler>`, defaultRef.valueLoc));
  }

  for (const el of input.graph.directives) {
    if (el.key !== 'api-gateway:autodiscovery') continue;
    const binding = buildGlobal(el) as ApiBinding | undefined;
    if (binding) bind(binding, el, input.graph, bindings, diagnostics);
  }

  for (const file of input.graph.files) {
    if (file.root.key !== 'mule') continue;
    for (const el of file.root.children) {
      if (el.key === 'flow' || el.key === 'sub-flow') {
        const name = el.attrs.get('name')?.value ?? '';
        if (reused.has(name)) {
          carryOver(name);
          continue;
        }
        owner = name;
        const source = buildFlow(el, state, defaultHandler);
        owner = '';
        if (source) sources.push(source);
      } else if (el.key === 'error-handler') {
        // Named ones are built below (or when first referenced); an unnamed one could never be used.
        if (!el.attrs.has('name')) diagnostics.push(error('missing-attribute', 'a global <error-handler> needs a name', el.loc));
      } else if (el.key === 'on-error-continue' || el.key === 'on-error-propagate') {
        globalOnError(el, state, handlers);
      } else if (state.registry.globals.has(el.key)) {
        if (el.key !== 'configuration') buildGlobal(el);
      } else reportMisplaced(el, 'global', state);
    }
  }
  // Global error handlers no flow refers to are still checked.
  for (const name of input.graph.globals.keys()) globalErrorHandler(name, state, handlers);

  if (hasErrors(diagnostics)) return { diagnostics };
  const apis = new Map([...bindings].map(([flow, b]) => [flow, b.apiId]));
  return { app: new App({ name: input.name, flows, sources, configs, settings: { ...settings }, releases, apis, fingerprints: prints }), diagnostics };
}

function topLevel(graph: AppGraph, key: string): XmlElement[] {
  return graph.files.flatMap((f) => (f.root.key === 'mule' ? f.root.children.filter((c) => c.key === key) : []));
}

/** A flow may belong to one API, and it must have an HTTP listener to be governed. */
function bind(binding: ApiBinding, el: XmlElement, graph: AppGraph, bindings: Map<string, ApiBinding>, diagnostics: Diagnostic[]): void {
  const at = el.attrs.get('flowRef')?.valueLoc ?? el.loc;
  const flow = graph.globals.get(binding.flowRef);
  if (flow?.key !== 'flow') {
    diagnostics.push(error('dangling-flow-ref', `autodiscovery flowRef="${binding.flowRef}" names no flow`, at));
  } else if (flow.children[0]?.key !== 'http:listener') {
    diagnostics.push(error('ungoverned-flow', `flow "${binding.flowRef}" has no http:listener for API ${binding.apiId} to govern`, at));
  } else if (bindings.has(binding.flowRef)) {
    diagnostics.push(error('duplicate-binding', `flow "${binding.flowRef}" is already bound to API ${bindings.get(binding.flowRef)!.apiId}`, at));
  } else bindings.set(binding.flowRef, binding);
}
