import { InvalidArgumentError } from 'commander';
import { envSetting } from '../properties/environment.js';
import type { LogLevel } from '../deploy/log-levels.js';
import { LOG_LEVELS } from '../deploy/log-levels.js';

/** Options shared by the commands that load an app. */
export interface AppOptions {
  readonly prop: Record<string, string>;
  readonly env?: string;
  readonly logLevel?: string;
  /** `--manager FILE`. */
  readonly manager?: string;
  readonly adminPort?: string;
  readonly adminToken?: string;
  /** `--redis URL`: the runtime's stores on Redis (tokens, codes, clients survive restarts and are shared). */
  readonly redis?: string;
}

/** The stores `--redis` (or FLOWRT_REDIS_URL) asks for; memory ones without. */
export function redisUrl(options: AppOptions): string | undefined {
  return options.redis ?? envSetting('FLOWRT_REDIS_URL');
}

/** The admin API's settings; it needs a token (`--admin-token` or FLOWRT_ADMIN_TOKEN) to run at all. */
export function adminOptions(options: AppOptions): { port: number; token: string } | undefined {
  if (options.adminPort === undefined) return undefined;
  const port = Number(options.adminPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`--admin-port must be a port number, got "${options.adminPort}"`);
  const token = options.adminToken ?? envSetting('FLOWRT_ADMIN_TOKEN');
  if (!token) throw new InvalidArgumentError('the admin API needs a bearer token: --admin-token TOKEN or FLOWRT_ADMIN_TOKEN');
  if (token.length < 16) throw new InvalidArgumentError('the admin token must be at least 16 characters long');
  return { port, token };
}

/** `--prop key=value`, repeatable; the last one for a key wins. */
export function collectProp(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1) };
}

export function logLevel(value: string | undefined): LogLevel {
  const level = (value ?? envSetting('FLOWRT_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new InvalidArgumentError(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return level as LogLevel;
}
