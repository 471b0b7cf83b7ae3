import { isHttpEndpoint } from '../../http/endpoint.js';
import type { Manifest } from '../archive/manifest.js';
import type { AppProperties } from './app-properties.js';
import type { Gateway } from '../gateway-wiring.js';
import type { RunningApp } from '../run-app.js';

export type AppState = 'deploying' | 'deployed' | 'failed' | 'undeploying';

/** What `GET /apps` says about an app. */
export interface AppStatus {
  readonly name: string;
  /** The version serving requests, if one is. */
  readonly version?: string;
  readonly state: AppState;
  readonly deployedAt?: string;
  /** Why the last deploy failed; kept until a deploy succeeds. */
  readonly lastError?: string;
  /** The version the last failed deploy tried. */
  readonly failedVersion?: string;
  /** Listener config name → bound port, of the serving version. */
  readonly ports?: Readonly<Record<string, number>>;
  /** The names of the properties it was deployed with (never their values: they may be secrets). */
  readonly properties?: readonly string[];
}

/** One version of an app that passed validation and serves: its folder, policies and listeners. */
export interface Serving {
  readonly manifest: Manifest;
  /** The archive it was deployed from: a change of properties redeploys it. */
  readonly archive: Buffer;
  readonly properties: AppProperties;
  readonly dir: string;
  readonly gateway: Gateway;
  readonly running: RunningApp;
  readonly deployedAt: Date;
}

/** An app the runtime knows of, deployed or not. */
export class HostedApp {
  state: AppState = 'deploying';
  serving?: Serving;
  lastError?: string;
  failedVersion?: string;
  /** Deploys and undeploys of one app run one after the other. */
  queue: Promise<unknown> = Promise.resolve();

  constructor(readonly name: string) {}

  status(): AppStatus {
    const s = this.serving;
    const ports: Record<string, number> = {};
    if (s) {
      for (const { config } of s.running.app.sources.filter(isHttpEndpoint)) {
        const port = s.running.portOf(config.name);
        if (port !== undefined) ports[config.name] = port;
      }
    }
    return {
      name: this.name,
      version: s?.manifest.version,
      state: this.state,
      deployedAt: s?.deployedAt.toISOString(),
      lastError: this.lastError,
      failedVersion: this.failedVersion,
      ports: s ? ports : undefined,
      properties: s ? Object.keys(s.properties).sort() : undefined,
    };
  }
}
