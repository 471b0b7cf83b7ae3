import type { Flow } from './flow.js';
import type { FlowLookup } from './processor.js';

/** Something a source element bound for a flow (an HTTP endpoint …), wired by deploy. */
export interface BoundSource {
  readonly kind: string;
  readonly flowName: string;
  readonly location: string;
}

/** A built app: immutable once built; a reload builds a new one next to it. */
export class App implements FlowLookup {
  constructor(
    readonly name: string,
    readonly flows: ReadonlyMap<string, Flow>,
    readonly sources: readonly BoundSource[],
    /** Global configs as their types built them, by name. */
    readonly configs: ReadonlyMap<string, unknown>,
    readonly settings: AppSettings,
    /** What components asked to release when the app stops. */
    private readonly releases: ReadonlyArray<() => Promise<void>> = [],
    /** The API each governed flow belongs to, by flow name. */
    readonly apis: ReadonlyMap<string, string> = new Map(),
  ) {}

  get(name: string): Flow | undefined {
    return this.flows.get(name);
  }

  async start(): Promise<void> {
    for (const flow of this.flows.values()) await flow.start();
  }

  async stop(): Promise<void> {
    for (const flow of this.flows.values()) await flow.stop();
    await Promise.all(this.releases.map((release) => release()));
  }
}

export interface AppSettings {
  /** Mule's `configuration shutdownTimeout`: how long in-flight events may take to finish, ms. */
  readonly shutdownTimeout: number;
  /** Mule's `configuration defaultResponseTimeout`: outbound requests without their own, ms. */
  readonly defaultResponseTimeout: number;
}

export const DEFAULT_SETTINGS: AppSettings = { shutdownTimeout: 5000, defaultResponseTimeout: 10_000 };
