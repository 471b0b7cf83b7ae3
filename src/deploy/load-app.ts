import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { buildApp } from '../assembly/build-app.js';
import { expressionLimits } from './expression-limits.js';
import { expressionLanguage } from './expression-language.js';
import { loadDataWeave } from '../expr/compile.js';
import { environmentLayer } from '../properties/environment.js';
import type { PropertyLayer } from '../properties/properties.js';
import { Properties, readPropertiesFile, readYamlProperties } from '../properties/properties.js';
import type { SecureProperties } from '../properties/secure/secure-properties.js';
import { loadSecureProperties } from '../properties/secure/secure-properties.js';
import { parseXml } from '../dsl/parse-xml.js';
import type { MissingProperty } from '../dsl/placeholders.js';
import { resolvePlaceholders } from '../dsl/placeholders.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error, hasErrors, sortDiagnostics, warning } from '../errors/diagnostic.js';
import { buildGraph } from '../graph/app-graph.js';
import type { XmlFile } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import { formatLocation } from '../model/location.js';
import type { Gate } from '../policies/shared/policy.js';
import type { App } from '../runtime/app.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { StoreFactory } from '../stores/store.js';
import type { QueueFactory } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
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
  /** The API manager governed flows pass; without one they answer 503 (fail closed). */
  readonly gate?: Gate;
  /** The running version a reload replaces: flows and configs that did not change carry over. */
  readonly previous?: App;
  /** The app will be reloaded (flowrt dev): fingerprint what flows depend on besides their definitions. */
  readonly reloadable?: boolean;
  readonly metrics?: RuntimeMetrics;
  /** The runtime's stores; memory ones when absent (validation). */
  readonly stores?: StoreFactory;
  /** The runtime's queues and schedules; memory ones, never started, when absent (validation). */
  readonly queues?: QueueFactory;
  readonly schedules?: ScheduleFactory;
  /**
   * `warning`: an undefined property may still come from where the app will run (`flowrt validate`,
   * `flowrt package`); `error` (default): the app is about to run and cannot without it.
   */
  readonly undefinedProperties?: MissingProperty;
}

export interface LoadResult {
  readonly name: string;
  readonly app?: App;
  readonly diagnostics: Diagnostic[];
  /** Text of every file read, for code frames. */
  readonly texts: ReadonlyMap<string, string>;
  /** The flows and sub-flows the files declare (also when the app could not be built: `flowrt validate` counts them). */
  readonly declared: { readonly flows: number; readonly subFlows: number };
}

/**
 * Reads and builds an app folder: flow files (and their imports), properties, placeholders,
 * graph, build. Never throws for a bad app: every problem is a diagnostic.
 */
export async function loadApp(options: LoadOptions): Promise<LoadResult> {
  const files = new AppFiles(resolve(options.dir));
  const diagnostics: Diagnostic[] = [];
  const name = files.name;
  let secure: SecureProperties | undefined;
  const declared = { flows: 0, subFlows: 0 };
  // A secure value may end up in a message (a build error quoting an attribute): never show it.
  const done = (app?: App): LoadResult => ({
    name,
    app,
    diagnostics: sortDiagnostics(diagnostics.map((d) => secure?.redact(d) ?? d)),
    texts: files.texts,
    declared,
  });

  if (!files.flowsDir()) {
    diagnostics.push(
      error('no-flows', `${files.display(files.dir)} has no flows/ folder`, undefined, 'an app keeps its Mule XML flow files in flows/ (or src/main/mule/)'),
    );
    return done();
  }
  const raw = readFlowFiles(files, diagnostics);
  if (raw.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(error('no-flows', `${files.display(files.flowsDir()!)} has no .xml flow files`));
  }

  for (const f of raw)
    for (const el of f.root.children)
      if (el.key === 'flow') declared.flows++;
      else if (el.key === 'sub-flow') declared.subFlows++;
  const unparsed = hasErrors(diagnostics);
  // A property file that is missing or broken is one problem: its properties count as undefined, and
  // the rest of the app is still checked.
  const layers = propertyLayers(raw, files, options, diagnostics);
  // A flow file that did not parse would make everything that refers to it look wrong: stop here.
  if (unparsed) return done();
  const loaded = loadSecureProperties(raw, new Properties(layers), files);
  secure = loaded.secure;
  const secureValue = (name: string) => loaded.secure.get(name);
  diagnostics.push(...loaded.diagnostics.map((d) => (d.code === 'secure-key-undefined' ? givenWhereItRuns(d, options.undefinedProperties) : d)));
  const properties = new Properties(layers, secureValue);
  // The secure stage names an undefined key property itself: once is enough.
  const keyPlaceholders = new Set(loaded.diagnostics.filter((d) => d.code === 'secure-key-undefined' && d.loc).map((d) => formatLocation(d.loc!)));
  const unresolved = new Set<string>();
  const resolved = raw.map((f) => {
    const r = resolvePlaceholders(f.root, (key) => properties.get(key), secureValue, options.undefinedProperties);
    diagnostics.push(...r.diagnostics.filter((d) => !(d.code === 'missing-property' && d.loc && keyPlaceholders.has(formatLocation(d.loc)))));
    for (const loc of r.unresolved) unresolved.add(formatLocation(loc));
    return { path: f.path, root: r.root };
  });

  // Go on past missing properties to report every other problem too, but not the follow-ups of
  // a value left unresolved (a port of "${http.port}" is not a number, of course).
  const later: Diagnostic[] = [];
  const { graph, diagnostics: graphProblems } = buildGraph(resolved);
  later.push(...graphProblems);
  const property = (key: string): string | undefined => {
    const value = properties.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const expressions = expressionLimits(property);
  later.push(...expressions.diagnostics);
  const language = expressionLanguage(files, property);
  later.push(...language.diagnostics);
  if (language.language === 'dataweave' || mayHoldDataWeave(raw, files)) await loadDataWeave();
  const built = buildApp({
    name,
    graph,
    limits: expressions.limits,
    expressions: language.language,
    earlierErrors: hasErrors(diagnostics) || hasErrors(graphProblems),
    gate: options.gate,
    property,
    readResource: (path) => {
      const found = files.locate(path);
      return found ? { text: files.read(found), file: files.display(found) } : undefined;
    },
    readBytes: (path) => files.readBytes(path),
    log: options.log,
    previous: options.previous,
    // Reading every resource file is for reloads to compare; a one-off load skips it.
    salt: options.reloadable || options.previous ? salt(files, options) : undefined,
    metrics: options.metrics,
    stores: options.stores,
    queues: options.queues,
    schedules: options.schedules,
  });
  later.push(...built.diagnostics);
  diagnostics.push(...later.filter((d) => !d.loc || !unresolved.has(formatLocation(d.loc))));
  return done(hasErrors(diagnostics) ? undefined : built.app);
}

/** Whether a JSONata app's files may still hold DataWeave: a %dw header, a header's `---`, a .dwl file. */
function mayHoldDataWeave(raw: readonly XmlFile[], files: AppFiles): boolean {
  for (const f of raw) {
    const text = files.texts.get(f.path) ?? '';
    if (text.includes('%dw') || text.includes('---') || text.includes('.dwl')) return true;
  }
  return false;
}

/** What every flow may depend on besides its definition: the other files, properties given, environment. */
function salt(files: AppFiles, options: LoadOptions): string {
  const given = JSON.stringify([options.env, options.props ?? {}, options.environment ?? process.env]);
  return `${files.resourceDigest()}:${given}`;
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
  const configFiles: Array<{ value: string; loc: SourceLocation; encoding?: string }> = [];
  for (const f of raw) {
    for (const el of f.root.children) {
      if (el.key === 'global-property') {
        const n = el.attrs.get('name')?.value;
        const v = el.attrs.get('value')?.value;
        if (n !== undefined && v !== undefined) globalProps[n] = v;
      } else if (el.key === 'configuration-properties') {
        const file = el.attrs.get('file');
        if (file) configFiles.push({ value: file.value, loc: file.valueLoc, encoding: el.attrs.get('encoding')?.value });
      }
    }
  }
  const top: PropertyLayer[] = [environmentLayer(options.environment)];
  if (options.env) top.push({ source: '--env', values: { env: options.env } });
  top.push({ source: '--prop', values: { ...options.props } });
  const early = new Properties([{ source: 'global-property', values: globalProps }, ...top]);

  const layers: PropertyLayer[] = [{ source: 'global-property', values: globalProps }];
  const add = (path: string, encoding?: string, at?: SourceLocation) => {
    const display = files.display(path);
    let text: string;
    try {
      text = files.read(path, encoding);
    } catch {
      diagnostics.push(error('invalid-encoding', `"${encoding}" is not an encoding flowrt can read ${display} in`, at));
      return;
    }
    if (path.endsWith('.properties')) layers.push(readPropertiesFile(text, display));
    else {
      const r = readYamlProperties(text, display);
      diagnostics.push(...r.diagnostics);
      if (r.layer) layers.push(r.layer);
    }
  };
  if (files.exists('config.yaml')) add(resolve(files.dir, 'config.yaml'));
  for (const ref of configFiles) {
    const name = ref.value.replace(/\$\{([^}]+)\}/g, (whole, k: string) => {
      const value = early.get(k.trim());
      return typeof value === 'string' ? value : whole;
    });
    // An undefined property in the name is reported where placeholders are resolved.
    if (name.includes('${')) continue;
    const path = files.locate(name);
    if (path) add(path, ref.encoding, ref.loc);
    else {
      diagnostics.push(
        error(
          'missing-config-file',
          `configuration properties file "${name}" does not exist in the app`,
          ref.loc,
          'looked next to the flow file, in the app folder, in src/main/resources and in the flows folder',
        ),
      );
    }
  }
  if (options.env) {
    const envFile = `config/${options.env}.yaml`;
    if (files.exists(envFile)) add(resolve(files.dir, envFile));
    else if (configFiles.length === 0)
      diagnostics.push(warning('missing-env-file', `--env ${options.env}: ${envFile} does not exist; only config.yaml and --prop apply`));
  }
  return [...layers, ...top];
}

/** An undefined key property of a secure config, when the app is checked rather than run: it may come from where it runs. */
function givenWhereItRuns(d: Diagnostic, missing: MissingProperty | undefined): Diagnostic {
  return missing === 'warning' ? { ...d, severity: 'warning', message: `${d.message}: it must be given where the app runs` } : d;
}
