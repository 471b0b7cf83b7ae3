import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '../src/expr/compile.js';
import { createLibrary } from '../src/expr/functions.js';
import type { EventLike } from '../src/expr/scope.js';
import { createLogger, formatDiagnostic, loadApp, runApp } from '../src/index.js';
import type { RunningApp } from '../src/index.js';
import type { TestApp } from './helpers/app.js';
import { mule, start } from './helpers/app.js';

/*
 * The docs cannot rot: every curl line of an example's README is sent to the running example and
 * must get the answer written under it, and every marked example of the porting guide is run.
 */

interface Fence {
  readonly info: string;
  readonly text: string;
}

/** Fenced code blocks of a markdown file, in order. */
function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const re = /^```(.*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of markdown.matchAll(re)) out.push({ info: m[1]!.trim(), text: m[2]!.replace(/\n$/, '') });
  return out;
}

interface CurlCase {
  readonly line: string;
  readonly status: number;
  readonly body: string;
}

interface Session {
  readonly command: string;
  readonly dir: string;
  readonly env?: string;
  readonly props: Record<string, string>;
  readonly cases: CurlCase[];
}

/** Shell words: bare, '…' or "…". */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g)].map((m) => m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!);
}

/** `flowrt start <dir> [--env e] [--prop k=v]…` blocks, each followed by blocks of `curl` / `# → status body` pairs. */
function sessions(readme: string): Session[] {
  const out: Session[] = [];
  for (const { info, text } of fences(readme)) {
    if (info !== 'sh') continue;
    const lines = text.split('\n');
    if (lines[0]!.startsWith('flowrt start ')) {
      const [, , dir, ...rest] = words(lines[0]!);
      const props: Record<string, string> = {};
      let env: string | undefined;
      for (let i = 0; i < rest.length; i += 2) {
        if (rest[i] === '--env') env = rest[i + 1];
        else if (rest[i] === '--prop') {
          const [key, ...value] = rest[i + 1]!.split('=');
          props[key!] = value.join('=');
        } else throw new Error(`unexpected option ${rest[i]} in "${lines[0]}"`);
      }
      out.push({ command: lines[0]!, dir: dir!, env, props, cases: [] });
      continue;
    }
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('curl ')) continue;
      const answer = /^# → (\d{3})(?: (.*))?$/.exec(lines[i + 1] ?? '');
      if (!answer) throw new Error(`"${lines[i]}" needs a "# → <status> <body>" line under it`);
      out.at(-1)!.cases.push({ line: lines[i]!, status: Number(answer[1]), body: answer[2] ?? '' });
    }
  }
  return out;
}

/** The request a curl line makes, aimed at `port`: supports -s, -i, -X, -H and -d as the READMEs use them. */
function request(line: string, port: number): { url: string; init: RequestInit } {
  const args = words(line).slice(1);
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let body: string | undefined;
  let url = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s' || a === '-i') continue;
    if (a === '-X') method = args[++i];
    else if (a === '-H') {
      const h = args[++i]!;
      headers[h.slice(0, h.indexOf(':')).trim().toLowerCase()] = h.slice(h.indexOf(':') + 1).trim();
    } else if (a === '-d' || a === '--data') body = args[++i];
    else if (a.startsWith('-')) throw new Error(`curl option ${a} is not understood by this test`);
    else url = a.replace(/^(http:\/\/)?localhost:\d+/, `http://127.0.0.1:${port}`);
  }
  // curl -d sends a form unless told otherwise, and POSTs.
  if (body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return { url, init: { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A documented JSON answer with `"<uuid>"` standing for any generated id. */
function expected(value: unknown): unknown {
  if (value === '<uuid>') return expect.stringMatching(UUID);
  if (Array.isArray(value)) return value.map(expected);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
  return value;
}

function expectBody(actual: string, documented: string): void {
  let json: unknown;
  try {
    json = JSON.parse(documented);
  } catch {
    expect(actual).toBe(documented);
    return;
  }
  expect(JSON.parse(actual)).toEqual(expected(json));
}

for (const name of ['orders-api', 'multi-file', 'mule-project', 'order-queue']) {
  const readme = readFileSync(join('examples', name, 'README.md'), 'utf8');
  const all = sessions(readme);

  describe(`examples/${name}`, () => {
    it('documents how to start it and what to send', () => {
      expect(all.length).toBeGreaterThan(0);
      for (const s of all) expect(s.dir).toBe(`examples/${name}`);
      expect(all.every((s) => s.cases.length > 0)).toBe(true);
    });

    for (const session of all) {
      describe(session.command, () => {
        let running: RunningApp | undefined;
        let port = 0;

        beforeAll(async () => {
          const log = createLogger('silent');
          const loaded = await loadApp({ dir: session.dir, env: session.env, props: { ...session.props, 'http.port': '0' }, log, environment: {} });
          // An example is a model: it must load without a single warning.
          expect(loaded.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
          running = await runApp(loaded.app!, log);
          port = [...running.app.configs.keys()].map((c) => running!.portOf(c)).find((p) => p !== undefined)!;
        });
        afterAll(async () => {
          await running?.stop();
        });

        for (const c of session.cases) {
          it(c.line, async () => {
            const { url, init } = request(c.line, port);
            const res = await fetch(url, init);
            const text = await res.text();
            expect({ status: res.status, text }).toMatchObject({ status: c.status });
            expectBody(text, c.body);
            // A 201 names what it created.
            if (res.status === 201) expect(res.headers.get('location')).toMatch(new RegExp(`/${(JSON.parse(text) as { id: string }).id}$`));
          });
        }
      });
    }
  });
}

interface DocEvent {
  payload: unknown;
  attributes: { queryParams?: Record<string, string>; headers?: Record<string, string>; uriParams?: Record<string, string> };
  vars: Record<string, unknown>;
  properties: Record<string, string>;
}

const GUIDE = readFileSync(join('docs', 'dataweave-to-jsonata.md'), 'utf8');

/** Runs an expression the way flowrt does: compiled once, with flowrt's names and functions. */
async function evaluate(source: string, event: DocEvent): Promise<unknown> {
  const library = createLibrary({ property: (k) => event.properties[k] });
  const compiled = compileExpression(source, { file: 'docs/dataweave-to-jsonata.md', line: 1, col: 1 }, { library });
  if ('code' in compiled) throw new Error(compiled.message);
  const like: EventLike = { correlationId: 'doc', message: { payload: event.payload, attributes: event.attributes }, vars: event.vars };
  return compiled.evaluate(like);
}

/** Table cells in a column headed "JSONata": their code spans. */
function tableSnippets(markdown: string): string[] {
  const out: string[] = [];
  let column = -1;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      column = -1;
      continue;
    }
    const cells = line
      .replace(/^\||\|$/g, '')
      .split(/\|(?=(?:[^`]*`[^`]*`)*[^`]*$)/)
      .map((c) => c.trim());
    if (column < 0) column = cells.indexOf('JSONata');
    else if (!/^-+$/.test(cells[0]!.replace(/:/g, ''))) {
      for (const m of (cells[column] ?? '').matchAll(/(`+)\s?([\s\S]+?)\s?\1(?!`)/g)) out.push(m[2]!);
    }
  }
  return out;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

describe('docs/dataweave-to-jsonata.md', () => {
  const blocks = fences(GUIDE);
  let event: DocEvent | undefined;
  const jsonata: Array<{ source: string; expected: string; event: DocEvent }> = [];
  const flows: Array<{ xml: string; kind: 'json' | 'text'; expected: string; event: DocEvent }> = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.info === 'json event') event = { attributes: {}, vars: {}, properties: {}, ...(JSON.parse(b.text) as Partial<DocEvent>) } as DocEvent;
    if (b.info === 'jsonata') {
      if (next?.info !== 'json' || !event) throw new Error(`a jsonata example needs an event above it and a json result under it:\n${b.text}`);
      jsonata.push({ source: b.text, expected: next.text, event });
    }
    if (b.info === 'xml flowrt') {
      if ((next?.info !== 'json' && next?.info !== 'text') || !event)
        throw new Error(`a flowrt example needs an event above it and a json response or text log line under it:\n${b.text}`);
      flows.push({ xml: b.text, kind: next.info, expected: next.text, event });
    }
  });

  it('has examples to check', () => {
    expect(jsonata.length).toBeGreaterThanOrEqual(5);
    expect(flows.length).toBeGreaterThanOrEqual(4);
  });

  for (const ex of jsonata) {
    it(`evaluates ${ex.source.replace(/\s+/g, ' ')}`, async () => {
      // As JSON, the way a response carries it: JSONata marks the arrays it builds with extra properties.
      const result = await evaluate(ex.source, ex.event);
      expect(result === undefined ? undefined : JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(ex.expected));
    });
  }

  it("has a JSONata column whose every snippet compiles and runs on the guide's event", async () => {
    const first = blocks.find((b) => b.info === 'json event')!;
    const docEvent = { attributes: {}, vars: {}, properties: {}, ...JSON.parse(first.text) } as DocEvent;
    const snippets = tableSnippets(GUIDE);
    expect(snippets.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const s of snippets) await evaluate(s, docEvent).catch((e: Error) => failures.push(`${s}: ${e.message}`));
    expect(failures).toEqual([]);
  });

  let app: TestApp | undefined;
  afterAll(async () => app?.stop());

  for (const ex of flows) {
    it(`runs the flow ${ex.xml.split('\n')[0]}`, async () => {
      const { queryParams = {}, headers = {}, uriParams = {} } = ex.event.attributes;
      const params = Object.keys(uriParams)
        .map((k) => `/{${k}}`)
        .join('');
      const vars = Object.entries(ex.event.vars).map(([k, v]) => `<set-variable variableName="${k}" value='${attr(`#[${JSON.stringify(v)}]`)}'/>`);
      await app?.stop();
      app = await start(mule(`<flow name="example"><http:listener config-ref="listener" path="/example${params}"/>${vars.join('')}\n${ex.xml}\n</flow>`), {
        props: ex.event.properties,
      });
      const query = new URLSearchParams(queryParams).toString();
      const url = app.url(
        `/example${Object.values(uriParams)
          .map((v) => `/${encodeURIComponent(v)}`)
          .join('')}${query ? `?${query}` : ''}`,
      );
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(ex.event.payload), headers: { ...headers, 'content-type': 'application/json' } });
      const text = await res.text();
      expect(app.loaded.diagnostics).toEqual([]);
      expect({ status: res.status, text }).toMatchObject({ status: 200 });
      if (ex.kind === 'json') expect(JSON.parse(text)).toEqual(JSON.parse(ex.expected));
      else expect(app.logs.map((l) => l.msg)).toContain(ex.expected);
    });
  }
});
