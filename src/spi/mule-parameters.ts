import type { ChildSpec } from './spec.js';
import type { ComponentNode } from './component.js';

/*
 * Parameters Mule's SDK adds to whole families of elements (its declaration enrichers in
 * mule-extensions-api): written once here, listed in the specs of the elements that take them.
 */

/** `<error-mapping sourceType targetType>`, on every connector operation: the build maps the operation's errors. */
export const ERROR_MAPPING: ChildSpec = {
  attributes: {
    sourceType: { kind: 'literal', default: 'ANY', doc: 'The error type to map (or any of its descendants).' },
    targetType: { kind: 'literal', required: true, doc: 'The type raised instead: a custom NAMESPACE:IDENTIFIER.' },
  },
  max: Infinity,
};

const UNITS = ['BYTE', 'KB', 'MB', 'GB'];
const NO_EFFECT = 'Accepted; flowrt reads the whole body into memory, within its own size limits, and lets it be read any number of times.';

/** Streaming strategies of operations and sources that stream (`@Streaming` in Mule's SDK). */
export const STREAMING_STRATEGIES: Readonly<Record<string, ChildSpec>> = {
  'repeatable-in-memory-stream': {
    attributes: {
      initialBufferSize: { kind: 'literal', type: 'integer' },
      bufferSizeIncrement: { kind: 'literal', type: 'integer' },
      maxBufferSize: { kind: 'literal', type: 'integer' },
      bufferUnit: { kind: 'literal', values: UNITS },
    },
    doc: NO_EFFECT,
  },
  'repeatable-file-store-stream': {
    attributes: { inMemorySize: { kind: 'literal', type: 'integer' }, bufferUnit: { kind: 'literal', values: UNITS } },
    doc: NO_EFFECT,
  },
  'non-repeatable-stream': { attributes: {}, doc: NO_EFFECT },
};

const frequency = { kind: 'literal' as const, type: 'integer' as const, default: '2000' };
const blocking = { kind: 'literal' as const, type: 'boolean' as const, default: 'true', doc: 'Accepted: flowrt never blocks a thread to wait.' };

/** A reconnection strategy: `<reconnect count frequency blocking/>` or `<reconnect-forever frequency blocking/>`. */
export const RECONNECT_STRATEGIES: Readonly<Record<string, ChildSpec>> = {
  reconnect: { attributes: { frequency, count: { kind: 'literal', type: 'integer', default: '2' }, blocking } },
  'reconnect-forever': { attributes: { frequency, blocking } },
};

/** A connection provider's `<reconnection failsDeployment>` around one strategy. */
export const RECONNECTION: ChildSpec = {
  attributes: { failsDeployment: { kind: 'literal', type: 'boolean', default: 'false' } },
  children: RECONNECT_STRATEGIES,
};

/** Mule's time units (java.util.concurrent.TimeUnit), as `timeUnit`-like attributes take them. */
export const TIME_UNITS = ['NANOSECONDS', 'MICROSECONDS', 'MILLISECONDS', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS'] as const;

const UNIT_MS: Readonly<Record<string, number>> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** A duration in a Mule time unit (SECONDS when none is given), in milliseconds. */
export function toMs(value: number, unit: string | undefined): number {
  return value * (UNIT_MS[unit ?? 'SECONDS'] ?? 1000);
}

/** `<expiration-policy maxIdleTime timeUnit>` of a dynamic configuration. */
export const EXPIRATION_POLICY: ChildSpec = {
  attributes: {
    maxIdleTime: { kind: 'literal', type: 'integer' },
    timeUnit: { kind: 'literal', values: TIME_UNITS },
  },
  doc: 'Accepted: flowrt makes no dynamic configuration instances to expire.',
};

/** How often and how many times to retry a connectivity failure, as a reconnection strategy says. */
export interface Reconnect {
  readonly count: number;
  readonly frequency: number;
}

/**
 * The strategy among `node`'s children (`reconnect` or `reconnect-forever`). A request cannot
 * wait without end for its answer, so `reconnect-forever` is refused.
 */
export function reconnectStrategy(node: ComponentNode | undefined, where: string): Reconnect | undefined {
  if (!node) return undefined;
  const forever = node.child('reconnect-forever');
  if (forever) {
    forever.error(
      'reconnect-forever-not-allowed',
      `reconnect-forever is not supported ${where}: a request would wait without end`,
      'use <reconnect count="…" frequency="…"/>',
    );
    return undefined;
  }
  const reconnect = node.child('reconnect');
  return reconnect ? { count: reconnect.int('count') ?? 2, frequency: reconnect.int('frequency') ?? 2000 } : undefined;
}
