import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { buildApp } from '../build/build-app.js';
import { environmentLayer } from '../config/environment.js';
import type { PropertyLayer } from '../config/properties.js';
import { Properties, readPropertiesFile, readYamlProperties } from '../config/properties.js';
import { parseXml } from '../dsl/parse-xml.js';
import { resolvePlaceholders } from '../dsl/placeholders.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error, hasErrors, warning } from '../errors/diagnostic.js';
import { buildGraph } from '../graph/app-graph.js';
import type { XmlFile } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import type { App } from '../runtime/app.js';
import { AppFiles } from './app-files.js';

export interface LoadOptions {
  readonly dir: string;
  /** `--env`: selects `config/<env>.yaml` and sets the `env` property. */
  readonly env?: string;
  /** `--prop key=value`: highest precedence. */
  readonly props?: Readonly<Record<string, string>>;
  readonly log: Logger;
  /** Environment variables visible to `${…}`; defaults to the process's. */
  readonly environment?: NodeJS.ProcessEnv;
}

export interface LoadResult {
  readonly name: string;
  readonly app?: App;
  readonly diagnostics: Diagnostic[];
  /** Text of every file read, for code frames. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Reads and builds an app folder: flow files (and their imports), properties, placeholders,
 * graph, build. Never throws for a bad app: every problem is a diagnostic.
 */
export async function loadApp(options: LoadOptions): Promise<LoadResult> {
  const files = new AppFiles(resolve(options.dir));
  const diagnostics: Diagnostic[] = [];
  const name = files.name;
  const done = (app?: App): LoadResult => ({ name, app, diagnostics, texts: files.texts });

  if (!files.flowsDir()) {
    diagnostics.push(error('no-flows', `${files.display(files.dir)} has no flows/ folder`, undefined, 'an app keeps its Mule XML flow files in flows/ (or src/main/mule/)'));
    return done();
  }
  const raw = readFlowFiles(files, diagnostics);
  if (raw.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(error('no-flows', `${files.display(files.flowsDir()!)} has no .xml flow files`));
  }

  const properties = new Properties(propertyLayers(raw, files, options, diagnostics));
  const resolved = raw.map((f) => {
    const r = resolvePlaceholders(f.root, (key) => properties.get(key));
    diagnostics.push(...r.diagnostics);
    return { path: f.path, root: r.root };
  });
  if (hasErrors(diagnostics)) return done();

  const { graph, diagnostics: graphProblems } = buildGraph(resolved);
  diagnostics.push(...graphProblems);
  const built = buildApp({
    name,
    graph,
    property: (key) => properties.get(key),
    readResource: (path) => {
      const found = files.locate(path);
      return found ? { text: files.read(found), file: files.display(found) } : undefined;
    },
    log: options.log,
  });
  diagnostics.push(...built.diagnostics);
  return done(hasErrors(diagnostics) ? undefined : built.app);
}

/** Every flow file, then the files their `<import file>` name (each file once). */
function readFlowFiles(files: AppFiles, diagnostics: Diagnostic[]): XmlFile[] {
  const out: XmlFile[] = [];
  const seen = new Set<string>();
  const queue = files.flowFiles();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const display = files.display(path);
    const parsed = parseXml(display, files.read(path));
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.root) continue;
    out.push({ path: display, root: parsed.root });
    for (const el of parsed.root.children) {
      const file = el.key === 'import' ? el.attrs.get('file') : undefined;
      if (!file) continue;
      const target = files.locate(file.value, path);
      if (target) queue.push(target);
      else diagnostics.push(error('missing-import', `imported file "${file.value}" does not exist in the app`, file.valueLoc));
    }
  }
  return out;
}

/**
 * Property layers, lowest precedence first, as Mule's hierarchy: global-property, the app's
 * files (config.yaml, configuration-properties, config/<env>.yaml), environment variables,
 * the `env` name, then `--prop`.
 */
function propertyLayers(raw: readonly XmlFile[], files: AppFiles, options: LoadOptions, diagnostics: Diagnostic[]): PropertyLayer[] {
  const globalProps: Record<string, string> = {};
  const configFiles: Array<{ value: string; loc: SourceLocation }> = [];
  for (const f of raw) {
    for (const el of f.root.children) {
      if (el.key === 'global-property') {
        const n = el.attrs.get('name')?.value;
        const v = el.attrs.get('value')?.value;
        if (n !== undefined && v !== undefined) globalProps[n] = v;
      } else if (el.key === 'configuration-properties') {
        const file = el.attrs.get('file');
        if (file) configFiles.push({ value: file.value, loc: file.valueLoc });
      }
    }
  }
  const top: PropertyLayer[] = [environmentLayer(options.environment)];
  if (options.env) top.push({ source: '--env', values: { env: options.env } });
  top.push({ source: '--prop', values: { ...options.props } });
  const early = new Properties([{ source: 'global-property', values: globalProps }, ...top]);

  const layers: PropertyLayer[] = [{ source: 'global-property', values: globalProps }];
  const add = (path: string) => {
    const display = files.display(path);
    const text = files.read(path);
    if (path.endsWith('.properties')) layers.push(readPropertiesFile(text, display));
    else {
      const r = readYamlProperties(text, display);
      diagnostics.push(...r.diagnostics);
      if (r.layer) layers.push(r.layer);
    }
  };
  if (files.exists('config.yaml')) add(resolve(files.dir, 'config.yaml'));
  for (const ref of configFiles) {
    const name = ref.value.replace(/\$\{([^}]+)\}/g, (whole, k: string) => early.get(k.trim()) ?? whole);
    if (name.includes('${')) {
      diagnostics.push(error('missing-property', `configuration-properties file="${ref.value}" uses a property that is not defined`, ref.loc, 'pass it with --env or --prop'));
      continue;
    }
    const path = files.locate(name);
    if (path) add(path);
    else diagnostics.push(error('missing-config-file', `configuration properties file "${name}" does not exist in the app`, ref.loc));
  }
  if (options.env) {
    const envFile = `config/${options.env}.yaml`;
    if (files.exists(envFile)) add(resolve(files.dir, envFile));
    else if (configFiles.length === 0) diagnostics.push(warning('missing-env-file', `--env ${options.env}: ${envFile} does not exist; only config.yaml and --prop apply`));
  }
  return [...layers, ...top];
}
