// Imported lazily by http-client.ts. A static re-export rather than `await import('undici')` there: bundled
// (dist/bin/, esbuild), a dynamically imported CommonJS package yields only its default export.
export { Agent } from 'undici';
