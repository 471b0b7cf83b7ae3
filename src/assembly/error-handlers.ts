import type { ErrorType } from '../errors/error-type.js';
import { condition } from '../expr/boolean.js';
import type { XmlElement } from '../model/element.js';
import type { OnError } from '../runtime/error-handler.js';
import { ErrorHandler } from '../runtime/error-handler.js';
import type { ChildSpec, ElementSpec } from '../spi/spec.js';
import { describe, Node } from './node.js';
import type { BuildState } from './state.js';

const ON_ERROR: ChildSpec = {
  attributes: {
    name: { kind: 'literal' },
    type: { kind: 'literal' },
    when: { kind: 'expression' },
    logException: { kind: 'literal', type: 'boolean', default: 'true' },
    enableNotifications: { kind: 'literal', type: 'boolean', default: 'true' },
  },
  processors: true,
  max: Infinity,
};

export const ERROR_HANDLER_SPEC: ElementSpec = {
  attributes: { name: { kind: 'literal' }, ref: { kind: 'literal' } },
  children: {
    'on-error-continue': ON_ERROR,
    'on-error-propagate': ON_ERROR,
    'on-error': { attributes: { ref: { kind: 'literal', required: true } }, max: Infinity },
  },
};

/** Global `<on-error-continue name>` / `<on-error-propagate name>`, referenced by `<on-error ref>`. */
export const GLOBAL_ON_ERROR_SPEC: ElementSpec = { ...ON_ERROR, attributes: { ...ON_ERROR.attributes, name: { kind: 'literal', required: true } } };

/** Global handlers are built once, however many flows refer to them. */
export interface HandlerCache {
  readonly handlers: Map<string, ErrorHandler | undefined>;
  readonly onErrors: Map<string, OnError | undefined>;
}

/**
 * Builds an `error-handler`: inline, by `ref` to a global one (built once and shared), each
 * on-error with its types resolved and its `when` compiled.
 */
export function buildErrorHandler(el: XmlElement, state: BuildState, cache: HandlerCache): ErrorHandler | undefined {
  const node = new Node(el, ERROR_HANDLER_SPEC, state);
  const ref = node.literal('ref');
  if (ref !== undefined) {
    if (el.children.length > 0) node.error('error-handler-ref-with-children', 'an error-handler with ref may not contain on-error elements of its own');
    return globalHandler(ref, node, state, cache);
  }
  const handlers: OnError[] = [];
  const scopes = el.children.filter((c) => ERROR_HANDLER_SPEC.children![c.key]);
  scopes.forEach((scope, i) => {
    const onError =
      scope.key === 'on-error'
        ? referencedOnError(new Node(scope, ERROR_HANDLER_SPEC.children!['on-error']!, state), state, cache)
        : onErrorOf(scope, ON_ERROR, state);
    if (!onError) return;
    // Mule's rule is about what is written: an explicit type="ANY" is fine anywhere.
    const written = scope.key === 'on-error' ? state.graph.globals.get(scope.attrs.get('ref')?.value ?? '') : scope;
    if (i < scopes.length - 1 && written && !written.attrs.has('type') && !written.attrs.has('when')) {
      node.error(
        'unreachable-on-error',
        'only the last on-error of an error-handler may omit both type and when: the ones after it could never run',
        undefined,
        scope.loc,
      );
    }
    handlers.push(onError);
  });
  return new ErrorHandler(handlers, node.literal('name'));
}

function globalHandler(ref: string, node: Node, state: BuildState, cache: HandlerCache): ErrorHandler | undefined {
  const target = state.graph.globals.get(ref);
  if (target?.key !== 'error-handler') {
    node.error(
      target ? 'wrong-ref' : 'dangling-ref',
      `error-handler ref="${ref}" names ${target ? `a <${target.key}>` : 'nothing'}; it must name a global <error-handler>`,
    );
    return undefined;
  }
  return globalErrorHandler(ref, state, cache);
}

/** The global `<error-handler name>` called `name`, built once; undefined when there is none. */
export function globalErrorHandler(name: string, state: BuildState, cache: HandlerCache): ErrorHandler | undefined {
  const target = state.graph.globals.get(name);
  if (target?.key !== 'error-handler') return undefined;
  if (!cache.handlers.has(name)) {
    cache.handlers.set(name, undefined); // a global handler that refers to itself ends here
    cache.handlers.set(name, buildErrorHandler(target, state, cache));
  }
  return cache.handlers.get(name);
}

function referencedOnError(node: Node, state: BuildState, cache: HandlerCache): OnError | undefined {
  const ref = node.literal('ref')!;
  const target = state.graph.globals.get(ref);
  if (!target || (target.key !== 'on-error-continue' && target.key !== 'on-error-propagate')) {
    node.error(target ? 'wrong-ref' : 'dangling-ref', `on-error ref="${ref}" must name a global <on-error-continue> or <on-error-propagate>`);
    return undefined;
  }
  return globalOnError(target, state, cache);
}

/** A global on-error, built once. */
export function globalOnError(el: XmlElement, state: BuildState, cache: HandlerCache): OnError | undefined {
  const name = el.attrs.get('name')?.value ?? '';
  if (!cache.onErrors.has(name)) cache.onErrors.set(name, onErrorOf(el, GLOBAL_ON_ERROR_SPEC, state));
  return cache.onErrors.get(name);
}

function onErrorOf(el: XmlElement, spec: ElementSpec, state: BuildState): OnError | undefined {
  const node = new Node(el, spec, state);
  const types: ErrorType[] = [];
  const typeAttr = el.attrs.get('type');
  for (const written of (typeAttr?.value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const type = node.errorType(written, 'handle', typeAttr?.valueLoc);
    if (type) types.push(type);
  }
  const when = node.value('when');
  return {
    kind: el.key === 'on-error-continue' ? 'continue' : 'propagate',
    types: types.some((t) => t.id === 'MULE:ANY') ? [] : types,
    when: when ? condition(when) : undefined,
    body: node.processors(),
    logException: node.bool('logException') ?? true,
    location: describe(el),
  };
}
