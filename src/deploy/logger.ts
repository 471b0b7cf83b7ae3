import { createRequire } from 'node:module';
import pino from 'pino';
import type { Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from './log-levels.js';

/**
 * The runtime's logger: JSON lines, or readable colored lines when `pretty` (a terminal).
 * Secrets never reach it: components log error types and descriptions, not credentials.
 */
export function createLogger(level: LogLevel = 'info', prettyOutput = false, destination?: NodeJS.WritableStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  // Required only for a terminal: a service's JSON logs never load the formatter.
  const pretty = prettyOutput ? (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty) : undefined;
  if (pretty) return pino(options, pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l', sync: true }));
  return destination ? pino(options, destination) : pino(options);
}
