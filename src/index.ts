/**
 * flowrt's public API: load an app folder, run it, read its diagnostics.
 *
 * @example
 * ```ts
 * const log = createLogger('info');
 * const loaded = await loadApp({ dir: 'examples/hello', log });
 * if (!loaded.app) throw new Error(loaded.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
 * const running = await runApp(loaded.app, log);
 * ```
 */
export { loadApp } from './deploy/load-app.js';
export type { LoadOptions, LoadResult } from './deploy/load-app.js';
export { runApp } from './deploy/run-app.js';
export type { RunningApp } from './deploy/run-app.js';
export { createLogger } from './deploy/logger.js';
export type { Diagnostic } from './errors/diagnostic.js';
export { formatDiagnostic, hasErrors } from './errors/diagnostic.js';
export type { DiagnosticCode } from './errors/diagnostic-codes.js';
export { DIAGNOSTIC_CODES, isDiagnosticCode } from './errors/diagnostic-codes.js';
export { FlowrtError } from './errors/flowrt-error.js';
export type { App } from './runtime/app.js';
export { FlowError } from './errors/flow-error.js';
export { ErrorType } from './errors/error-type.js';
