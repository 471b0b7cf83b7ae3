// Apart from logger.ts so that the CLI can check --log-level without loading pino (`flowrt --help` pays
// for every module its entry imports).
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
