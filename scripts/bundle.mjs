// Bundles the CLI (dist/cli/main.js, tsc's output) into dist/bin/ with esbuild, so `flowrt` starts from a
// few files instead of ~370 of ours plus each dependency's: Node 20 has no module compile cache, and
// resolving and compiling every file was most of a cold start (issue 17). Run by `npm run build` after tsc.
// dist/ itself stays as tsc wrote it, for library users and the bench.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// Resolved at run time from node_modules, not bundled:
// - bullmq reads its Lua scripts from its package folder; ioredis is the client it is handed, so one copy.
// - pino-pretty is required lazily (only for a terminal); pino and its transports resolve worker files by
//   path (thread-stream), which only works from their own folders.
// - ajv and its plugins are required lazily through createRequire (JSON Schema steps, api-manager.yaml).
const EXTERNAL = ['bullmq', 'ioredis', 'pino', 'pino-pretty', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-draft-04'];

// CommonJS dependencies call require() for Node built-ins; an ES module has none, so each chunk gets one.
const banner = "import { createRequire as __flowrtCreateRequire } from 'node:module';\nconst require = __flowrtCreateRequire(import.meta.url);";

// Bundled, `await import('a-commonjs-package')` yields only its default export (Node itself finds the named
// ones): import packages statically from a local module, and import that module lazily.
const staticPackages = {
  name: 'static-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const bare = !args.path.startsWith('node:') && !EXTERNAL.some((e) => args.path === e || args.path.startsWith(e.replace('*', '')));
      if (args.kind === 'dynamic-import' && bare) return { errors: [{ text: `import('${args.path}'): import it statically in a local module instead` }] };
      return undefined;
    });
  },
};

// Chunk names carry content hashes: clear the last build's, or they pile up.
rmSync('dist/bin', { recursive: true, force: true });
const result = await build({
  entryPoints: { flowrt: 'dist/cli/main.js' },
  outdir: 'dist/bin',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  // Each command stays a chunk of its own, loaded when it runs, as src/cli/main.ts imports it.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: banner },
  plugins: [staticPackages],
  minify: process.env.FLOWRT_MINIFY === '1',
  sourcemap: process.env.FLOWRT_MINIFY === '1' ? false : 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
chmodSync('dist/bin/flowrt.js', 0o755);
if (process.env.FLOWRT_BUNDLE_REPORT === '1') {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}
