import type { Flow } from './flow.js';
import type { FlowLookup } from './processor.js';

/** Something a source element bound for a flow (an HTTP endpoint …), wired by deploy. */
export interface BoundSource {
  readonly kind: string;
  readonly flowName: string;
  readonly location: string;
}

/**
 * A source that runs on its own rather than being called (a VM listener, a scheduler): deploy
 * starts it once the app's flows run, and stops it when the version that bound it is retired.
 * A reload that keeps the flow keeps the same source object, so it is neither stopped nor started.
 */
export interface ActiveSource extends BoundSource {
  start(): Promise<void>;
  /** Stops taking new work; work in hand may finish within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

export function isActiveSource(source: BoundSource): source is ActiveSource {
  return typeof (source as Partial<ActiveSource>).start === 'function';
}

export interface AppParts {
  readonly name: string;
  readonly flows: ReadonlyMap<string, Flow>;
  readonly sources: readonly BoundSource[];
  /** Global configs as their types built them, by name. */
  readonly configs: ReadonlyMap<string, unknown>;
  readonly settings: AppSettings;
  /** What to release when the app stops, by the flow or global that asked. */
  readonly releases?: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>>;
  /** Work in hand to let finish before anything is released (async branches), by the flow or global that asked. */
  readonly drains?: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>>;
  /** The API each governed flow belongs to, by flow name. */
  readonly apis?: ReadonlyMap<string, string>;
  /** Each named global's fingerprint (graph/fingerprints.ts): what a reload may keep. */
  readonly fingerprints?: ReadonlyMap<string, string>;
}

/**
 * A built app: immutable once built; a reload builds a new one next to it, keeping the flows and
 * configs whose fingerprints did not change (the same objects, with their state).
 */
export class App implements FlowLookup {
  readonly name: string;
  readonly flows: ReadonlyMap<string, Flow>;
  readonly sources: readonly BoundSource[];
  readonly configs: ReadonlyMap<string, unknown>;
  readonly settings: AppSettings;
  readonly releases: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>>;
  readonly drains: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>>;
  readonly apis: ReadonlyMap<string, string>;
  readonly fingerprints: ReadonlyMap<string, string>;

  constructor(parts: AppParts) {
    this.name = parts.name;
    this.flows = parts.flows;
    this.sources = parts.sources;
    this.configs = parts.configs;
    this.settings = parts.settings;
    this.releases = parts.releases ?? new Map();
    this.drains = parts.drains ?? new Map();
    this.apis = parts.apis ?? new Map();
    this.fingerprints = parts.fingerprints ?? new Map();
  }

  get(name: string): Flow | undefined {
    return this.flows.get(name);
  }

  /** Starts the flows `previous` did not already run. */
  async start(previous?: App): Promise<void> {
    for (const [name, flow] of this.flows) if (previous?.flows.get(name) !== flow) await flow.start();
  }

  /** Stops what `next` (the version replacing this one) does not keep; everything without one. */
  async stop(next?: App): Promise<void> {
    // Work in hand first: it may still use the pools the releases close.
    await Promise.all(retiring(this.drains, next?.drains).map((drain) => drain()));
    for (const [name, flow] of this.flows) if (next?.flows.get(name) !== flow) await flow.stop();
    await Promise.all(retiring(this.releases, next?.releases).map((release) => release()));
  }
}

/** The releases (or drains) of the owners `next` does not keep: all of them without a next. */
function retiring(
  lists: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>>,
  kept: ReadonlyMap<string, ReadonlyArray<() => Promise<void>>> | undefined,
): Array<() => Promise<void>> {
  return [...lists].filter(([owner, list]) => kept?.get(owner) !== list).flatMap(([, list]) => list);
}

export interface AppSettings {
  /** Mule's `configuration shutdownTimeout`: how long in-flight events may take to finish, ms. */
  readonly shutdownTimeout: number;
  /** Mule's `configuration defaultResponseTimeout`: outbound requests without their own, ms. */
  readonly defaultResponseTimeout: number;
}

export const DEFAULT_SETTINGS: AppSettings = { shutdownTimeout: 5000, defaultResponseTimeout: 10_000 };
