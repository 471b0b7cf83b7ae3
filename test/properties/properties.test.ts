import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Properties, readPropertiesFile, readYamlProperties } from '../../src/properties/properties.js';
import { createLogger, loadApp, runApp } from '../../src/index.js';
import type { LoadResult } from '../../src/index.js';
import { mule, writeApp } from '../helpers/app.js';

interface Deployment {
  /** XML placed under <mule> before the flow (global-property, configuration-properties). */
  readonly globals?: string;
  readonly files?: Record<string, string>;
  readonly props?: Record<string, string>;
  readonly env?: string;
  readonly environment?: NodeJS.ProcessEnv;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Loads an app whose flow answers GET / with `${key}`, without running it. */
async function loadWith(key: string, d: Deployment = {}): Promise<LoadResult & { dir: string }> {
  const flow = `${d.globals ?? ''}<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${${key}}"/></flow>`;
  const dir = await writeApp({ 'flows/app.xml': mule(flow), ...d.files });
  dirs.push(dir);
  const loaded = await loadApp({ dir, props: d.props, env: d.env, log: createLogger('silent'), environment: d.environment ?? {} });
  return { ...loaded, dir };
}

/** The value `${key}` resolves to in a running app deployed as `d`. */
async function resolved(key: string, d: Deployment = {}): Promise<string> {
  const loaded = await loadWith(key, d);
  if (!loaded.app) throw new Error(`app did not load: ${loaded.diagnostics.map((x) => x.message).join('; ')}`);
  const running = await runApp(loaded.app, createLogger('silent'));
  try {
    return await (await fetch(`http://127.0.0.1:${running.portOf('listener')}/`)).text();
  } finally {
    await running.stop();
  }
}

const errorsOf = (loaded: LoadResult) => loaded.diagnostics.filter((x) => x.severity === 'error');

describe('YAML properties', () => {
  it('flattens nested mappings to dotted keys', () => {
    const { layer } = readYamlProperties('http:\n  port: 8081\n  tls:\n    enabled: true\nname: orders\n', 'config.yaml');
    expect(layer?.values).toEqual({ 'http.port': '8081', 'http.tls.enabled': 'true', name: 'orders' });
  });

  it('gives each list item an indexed key and the list its items joined with commas', () => {
    const { layer } = readYamlProperties('hosts:\n  - a.example\n  - b.example\n', 'config.yaml');
    expect(layer?.values).toEqual({ hosts: 'a.example,b.example', 'hosts.0': 'a.example', 'hosts.1': 'b.example' });
  });

  it('reads an empty value as the empty string', () => {
    expect(readYamlProperties('token:\n', 'config.yaml').layer?.values).toEqual({ token: '' });
  });

  it('reports invalid YAML at the line and column of the problem', () => {
    const { layer, diagnostics } = readYamlProperties('a: 1\nb: 2\nc: d: e\n', 'config.yaml');
    expect(layer).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^invalid YAML: Nested mappings are not allowed in compact mappings/);
    expect(diagnostics[0]!.loc).toEqual({ file: 'config.yaml', line: 3, col: 4 });
  });

  it('rejects a file that is not a mapping', () => {
    const { diagnostics } = readYamlProperties('- a\n- b\n', 'config.yaml');
    expect(diagnostics.map((x) => x.message)).toEqual(['a properties file must be a mapping of keys to values']);
  });
});

describe('.properties files', () => {
  it('reads key=value, key: value and key value lines, skipping comments', () => {
    const layer = readPropertiesFile('# comment\n! also a comment\n\na=1\nb: two\nc three\nurl=http://h:80/p\n', 'app.properties');
    expect(layer.values).toEqual({ a: '1', b: 'two', c: 'three', url: 'http://h:80/p' });
  });

  it('joins a line ending in a backslash with the next, without its indentation', () => {
    expect(readPropertiesFile('hosts=a,\\\n      b\n', 'app.properties').values).toEqual({ hosts: 'a,b' });
  });

  it('unescapes backslashes in values, as Java does', () => {
    expect(readPropertiesFile('dir=C:\\\\temp\n', 'app.properties').values).toEqual({ dir: 'C:\\temp' });
  });
});

describe('Properties', () => {
  it('resolves ${a} inside a value through ${b}', () => {
    const p = new Properties([{ source: 'config.yaml', values: { url: 'http://${host}/api', host: '${name}.example', name: 'orders' } }]);
    expect(p.get('url')).toBe('http://orders.example/api');
  });

  it('resolves a reference from a lower layer with the value of a higher one', () => {
    const p = new Properties([
      { source: 'config.yaml', values: { url: 'http://${host}/api', host: 'localhost' } },
      { source: '--prop', values: { host: 'prod.example' } },
    ]);
    expect(p.get('url')).toBe('http://prod.example/api');
  });
});

describe('property precedence when loading an app', () => {
  it('config.yaml beats global-property', async () => {
    expect(await resolved('who', { globals: '<global-property name="who" value="global"/>', files: { 'config.yaml': 'who: yaml\n' } })).toBe('yaml');
  });

  it('a configuration-properties file beats config.yaml', async () => {
    const d = { globals: '<configuration-properties file="app.yaml"/>', files: { 'config.yaml': 'who: config\n', 'app.yaml': 'who: app\n' } };
    expect(await resolved('who', d)).toBe('app');
  });

  it('config/<env>.yaml beats a configuration-properties file', async () => {
    const d = { globals: '<configuration-properties file="app.yaml"/>', files: { 'app.yaml': 'who: app\n', 'config/prod.yaml': 'who: prod\n' }, env: 'prod' };
    expect(await resolved('who', d)).toBe('prod');
  });

  it('an environment variable beats config/<env>.yaml', async () => {
    const d = { files: { 'config/prod.yaml': 'who: prod\n' }, env: 'prod', environment: { who: 'environment' } };
    expect(await resolved('who', d)).toBe('environment');
  });

  it('--env beats an environment variable named env', async () => {
    expect(await resolved('env', { env: 'prod', environment: { env: 'from-environment' } })).toBe('prod');
  });

  it('--prop beats --env and every other layer', async () => {
    const d = {
      globals: '<global-property name="env" value="global"/>',
      files: { 'config.yaml': 'env: yaml\n', 'config/prod.yaml': 'env: prod-yaml\n' },
      env: 'prod',
      environment: { env: 'environment' },
      props: { env: 'prop' },
    };
    expect(await resolved('env', d)).toBe('prop');
  });

  it('falls through to the lowest layer that defines a key', async () => {
    const d = { globals: '<global-property name="who" value="global"/>', files: { 'config.yaml': 'other: yaml\n' }, props: { other: 'prop' } };
    expect(await resolved('who', d)).toBe('global');
  });
});

describe('configuration-properties', () => {
  const globals = '<configuration-properties file="config-${env}.yaml"/>';
  const files = { 'config-dev.yaml': 'who: dev\n', 'config-prod.yaml': 'who: prod\n' };

  it('picks file="config-${env}.yaml" by --env', async () => {
    expect(await resolved('who', { globals, files, env: 'dev' })).toBe('dev');
  });

  it('picks file="config-${env}.yaml" by --prop env=…', async () => {
    expect(await resolved('who', { globals, files, props: { env: 'prod' } })).toBe('prod');
  });

  it('reads a .properties file', async () => {
    const d = { globals: '<configuration-properties file="app.properties"/>', files: { 'app.properties': 'db.host = db.internal\n' } };
    expect(await resolved('db.host', d)).toBe('db.internal');
  });

  it('reports once, naming the property, when the file name uses one that is not defined', async () => {
    const loaded = await loadWith('who', { globals, files, props: { who: 'x' } });
    const errors = errorsOf(loaded);
    expect(loaded.app).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('"env"');
    expect(errors[0]!.loc).toMatchObject({ line: 4 });
  });

  it('reports a configuration-properties file that does not exist', async () => {
    const loaded = await loadWith('who', { globals: '<configuration-properties file="nope.yaml"/>', props: { who: 'x' } });
    expect(errorsOf(loaded).map((x) => [x.message, x.loc?.line, x.loc?.col])).toEqual([
      ['configuration properties file "nope.yaml" does not exist in the app', 4, 33],
    ]);
  });

  it('goes on past a missing configuration-properties file: its properties are undefined, every other problem is reported', async () => {
    const flow = `<configuration-properties file="nope.yaml"/>
      <flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${from.file}"/><set-paylod value="x"/></flow>`;
    const dir = await writeApp({ 'flows/app.xml': mule(flow) });
    dirs.push(dir);
    const loaded = await loadApp({ dir, log: createLogger('silent'), environment: {} });
    expect(errorsOf(loaded).map((x) => x.message)).toEqual([
      'configuration properties file "nope.yaml" does not exist in the app',
      'property "from.file" is not defined',
      expect.stringContaining('<set-paylod>'),
    ]);
  });

  it('makes an undefined property a warning for an app that is checked, not run, naming where it may come from', async () => {
    const flow = `<flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${db.password}"/></flow>`;
    const dir = await writeApp({ 'flows/app.xml': mule(flow).replace('port="0"', 'port="${http.port}"') });
    dirs.push(dir);
    const checked = await loadApp({ dir, log: createLogger('silent'), environment: {}, undefinedProperties: 'warning' });
    expect(errorsOf(checked)).toEqual([]);
    expect(checked.diagnostics.map((x) => [x.severity, x.message, x.hint])).toEqual([
      [
        'warning',
        'property "http.port" is not defined by the app: it must be given where the app runs',
        'flowrt runtime --prop http.port=…, flowrt deploy --prop http.port=…, an environment variable, or config/<env>.yaml with --env',
      ],
      ['warning', 'property "db.password" is not defined by the app: it must be given where the app runs', expect.any(String)],
    ]);
    const run = await loadApp({ dir, log: createLogger('silent'), environment: {} });
    expect(run.app).toBeUndefined();
    expect(errorsOf(run).map((x) => x.message)).toEqual(['property "http.port" is not defined', 'property "db.password" is not defined']);
  });

  it('warns, without failing, when --env names no config/<env>.yaml', async () => {
    const loaded = await loadWith('who', { env: 'qa', props: { who: 'x' } });
    expect(loaded.app).toBeDefined();
    expect(loaded.diagnostics.map((x) => [x.severity, x.message])).toEqual([
      ['warning', '--env qa: config/qa.yaml does not exist; only config.yaml and --prop apply'],
    ]);
  });
});

describe('property references and errors when loading an app', () => {
  it('resolves ${a} that refers to ${b} across files and --prop', async () => {
    expect(await resolved('url', { files: { 'config.yaml': 'url: "http://${host}:${port}/api"\nport: 8080\n' }, props: { host: 'orders.internal' } })).toBe(
      'http://orders.internal:8080/api',
    );
  });

  it('reports a property value that refers to an undefined property, naming it', async () => {
    const loaded = await loadWith('url', { files: { 'config.yaml': 'url: "http://${host}/api"\n' } });
    expect(loaded.app).toBeUndefined();
    expect(
      errorsOf(loaded)
        .map((x) => x.message)
        .join('\n'),
    ).toContain('"host"');
  });

  it('reports properties that refer to each other in a cycle', async () => {
    const loaded = await loadWith('a', { files: { 'config.yaml': 'a: "${b}"\nb: "${a}"\n' } });
    expect(loaded.app).toBeUndefined();
    expect(
      errorsOf(loaded)
        .map((x) => x.message)
        .join('\n'),
    ).toMatch(/"(a|b)"/);
  });

  it('reports invalid YAML in config.yaml with its file and line', async () => {
    const loaded = await loadWith('who', { files: { 'config.yaml': 'http:\n  port: 8081\n host: h\n' }, props: { who: 'x' } });
    expect(loaded.app).toBeUndefined();
    expect(errorsOf(loaded).map((x) => [x.code, x.loc?.file.endsWith('config.yaml'), x.loc?.line])).toEqual([['invalid-yaml', true, 3]]);
  });
});

describe('configuration-properties encoding', () => {
  it('reads the file in the charset its encoding attribute names', async () => {
    const flow = `<configuration-properties file="app.properties" encoding="ISO-8859-1"/>
      <flow name="f"><http:listener config-ref="listener" path="/"/><set-payload value="\${who}"/></flow>`;
    const dir = await writeApp({ 'flows/app.xml': mule(flow) });
    dirs.push(dir);
    await writeFile(join(dir, 'app.properties'), Buffer.from([0x77, 0x68, 0x6f, 0x3d, 0x5a, 0x6f, 0xeb])); // who=Zoë in ISO-8859-1
    const loaded = await loadApp({ dir, log: createLogger('silent'), environment: {} });
    const running = await runApp(loaded.app!, createLogger('silent'));
    try {
      expect(await (await fetch(`http://127.0.0.1:${running.portOf('listener')}/`)).text()).toBe('Zoë');
    } finally {
      await running.stop();
    }
  });
});
