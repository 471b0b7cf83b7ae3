import { error } from '../errors/diagnostic.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { AppGraph } from '../graph/app-graph.js';
import type { XmlElement } from '../model/element.js';
import type { ApiBinding } from '../policies/shared/policy.js';
import type { AppSettings } from '../runtime/app.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import { BuildSession } from './build-session.js';
import type { BuildInput, BuildResult } from './build-input.js';
import { globalErrorHandler, globalOnError } from './error-handlers.js';
import { buildFlow, flowShell } from './flows.js';
import { reportMisplaced } from './unknown.js';

export type { BuildInput, BuildResult } from './build-input.js';

/**
 * Graph → runnable App: every element built by its registered type, expressions compiled
 * once, all problems collected. No I/O besides `readResource`; nothing is started.
 */
export function buildApp(input: BuildInput): BuildResult {
  const session = new BuildSession(input);
  // Declared up front so a handler may name a type raised further down; each raise-error reports its own problems.
  for (const { type } of input.graph.raisedTypes) session.errorTypes.declare(type);
  const reused = declareFlows(session);
  const defaultHandler = applyConfiguration(session);
  bindApis(session);
  buildElements(session, reused, defaultHandler);
  // Global error handlers no flow refers to are still checked.
  for (const name of input.graph.globals.keys()) globalErrorHandler(name, session, session.handlers);
  return session.finish();
}

/**
 * Every flow by name before any is built, so that flow-refs resolve whatever the order: the
 * previous version's flow where it is kept, else an empty shell filled in later. Gives the kept ones.
 */
function declareFlows(session: BuildSession): Set<string> {
  const reused = new Set<string>();
  for (const el of session.graph.flows) {
    const name = el.attrs.get('name')?.value;
    const old = name !== undefined ? session.keptFlow(name) : undefined;
    if (old && !session.flows.has(old.name)) {
      session.flows.set(old.name, old);
      reused.add(old.name);
      continue;
    }
    const shell = flowShell(el);
    if (shell && !session.flows.has(shell.name)) session.flows.set(shell.name, shell);
  }
  return reused;
}

/** `<configuration>`: its settings, before anything else is built; gives the default error handler. */
function applyConfiguration(session: BuildSession): () => ErrorHandler | undefined {
  const { diagnostics, graph } = session;
  const configuration = topLevel(graph, 'configuration');
  for (const extra of configuration.slice(1)) diagnostics.push(error('duplicate-configuration', 'an app may have one <configuration> element', extra.loc));
  if (configuration[0]) Object.assign(session.settings, session.buildGlobal(configuration[0]) as AppSettings | undefined);
  const defaultRef = configuration[0]?.attrs.get('defaultErrorHandler-ref');
  if (defaultRef && graph.globals.get(defaultRef.value)?.key !== 'error-handler') {
    diagnostics.push(error('wrong-ref', `defaultErrorHandler-ref="${defaultRef.value}" must name a global <error-handler>`, defaultRef.valueLoc));
  }
  return () => (defaultRef ? globalErrorHandler(defaultRef.value, session, session.handlers) : undefined);
}

/** `<api-gateway:autodiscovery>`: which flows an API governs, before their listeners are built. */
function bindApis(session: BuildSession): void {
  for (const el of session.graph.directives) {
    if (el.key !== 'api-gateway:autodiscovery') continue;
    const binding = session.buildGlobal(el) as ApiBinding | undefined;
    if (binding) bind(binding, el, session.graph, session.bindings, session.diagnostics);
  }
}

/** Every top-level element, in document order: flows (each within its own name), globals, misplaced ones reported. */
function buildElements(session: BuildSession, reused: ReadonlySet<string>, defaultHandler: () => ErrorHandler | undefined): void {
  for (const file of session.graph.files) {
    if (file.root.key !== 'mule') continue;
    for (const el of file.root.children) {
      if (el.key === 'flow' || el.key === 'sub-flow') {
        const name = el.attrs.get('name')?.value ?? '';
        if (reused.has(name)) {
          session.carryOver(name);
          continue;
        }
        const source = session.within(name, () => buildFlow(el, session, defaultHandler));
        if (source) session.bindSource(source);
      } else if (el.key === 'error-handler') {
        // Named ones are built below (or when first referenced); an unnamed one could never be used.
        if (!el.attrs.has('name')) session.diagnostics.push(error('missing-attribute', 'a global <error-handler> needs a name', el.loc));
      } else if (el.key === 'on-error-continue' || el.key === 'on-error-propagate') {
        globalOnError(el, session, session.handlers);
      } else if (session.registry.globals.has(el.key)) {
        if (el.key !== 'configuration') session.buildGlobal(el);
      } else reportMisplaced(el, 'global', session);
    }
  }
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
