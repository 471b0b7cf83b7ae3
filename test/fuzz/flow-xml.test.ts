/**
 * Fuzz: flow files, as `flowrt validate` and `flowrt start` load them.
 *
 * CI runs a fixed seed and a few hundred cases (about 20 s on two busy cores); hunt longer with
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz/flow-xml.test.ts
 * Whatever a property finds goes into its `examples` once fixed.
 *
 * The reference for "well formed" is libxml2 (xmllint-wasm, no network): a file it refuses must
 * never become a running app. flowrt may refuse more (a DOCTYPE, an unknown element), never less.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createLogger, loadApp } from '../../src/index.js';
import type { Diagnostic, LoadResult } from '../../src/index.js';
import { formatDiagnostic } from '../../src/errors/diagnostic.js';
import { parseXml } from '../../src/dsl/parse-xml.js';
import { mule } from '../helpers/app.js';
import { fuzz, timeLimit } from './settings.js';

const SEED = 0x0f10_0001;

/** A valid app using a bit of everything a flow file holds: globals, a listener, expressions, CDATA, handlers. */
const VALID = mule(`
  <configuration-properties file="config.yaml"/>
  <global-property name="greeting" value="hello &amp; welcome"/>
  <flow name="orders" doc:name="Orders">
    <http:listener config-ref="listener" path="/orders/{id}" allowedMethods="GET,POST">
      <http:response statusCode="#[$default(vars.status, 200)]"/>
    </http:listener>
    <set-variable variableName="status" value="#[201]"/>
    <choice>
      <when expression="#[attributes.uriParams.id = '1']">
        <set-payload value="#[{ 'id': attributes.uriParams.id, 'note': $p('greeting') }]" mimeType="application/json"/>
      </when>
      <otherwise>
        <ee:transform>
          <ee:message><ee:set-payload><![CDATA[{ "id": attributes.uriParams.id, "items": $default(payload.items, []) }]]></ee:set-payload></ee:message>
        </ee:transform>
      </otherwise>
    </choice>
    <logger level="INFO" message="#['order ' &amp; attributes.uriParams.id &amp; ' for \${greeting}']"/>
    <!-- an operator's note -->
    <error-handler>
      <on-error-propagate type="EXPRESSION"><set-payload value="bad"/></on-error-propagate>
    </error-handler>
  </flow>`);

/** What /etc/passwd says, so that no diagnostic can be shown to quote it. */
const PASSWD = (() => {
  try {
    return readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter((l) => l.includes(':x:'));
  } catch {
    return ['root:x:0:0'];
  }
})();

const silent = createLogger('silent');

/** Loads an app whose only flow file holds `contents` (text or raw bytes), as `flowrt validate` does. */
async function loadFile(contents: string | Uint8Array): Promise<LoadResult & { text: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-fuzz-'));
  try {
    await mkdir(join(dir, 'flows'));
    await writeFile(join(dir, 'flows', 'app.xml'), contents);
    await writeFile(join(dir, 'config.yaml'), 'http:\n  port: "0"\n');
    const loaded = await loadApp({ dir, log: silent, environment: {} });
    const text = [...loaded.texts.entries()].find(([file]) => file.endsWith('app.xml'))?.[1] ?? '';
    return { ...loaded, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** libxml2's verdict, nothing fetched (the wasm build has no network and no /etc). */
async function wellFormed(contents: string | Uint8Array): Promise<boolean> {
  const result = await validateXML({
    xml: [{ fileName: 'app.xml', contents }],
    normalization: 'c14n',
    modifyArguments: () => ['--noout', '--nonet', 'app.xml'],
    maxMemoryPages: 4096,
  });
  return result.valid;
}

/** Checks what holds for every load, whatever the input: located, bounded, nothing leaked. */
function checkDiagnostics(loaded: LoadResult & { text: string }): void {
  const lines = loaded.text.split('\n');
  for (const d of loaded.diagnostics) {
    if (!d.loc) continue; // app-level problems (no flows/) have no place in a file
    expect(d.loc.file).toMatch(/app\.xml$|config\.yaml$/);
    if (!d.loc.file.endsWith('app.xml')) continue;
    expect({ d: brief(d), lineOk: d.loc.line >= 1 && d.loc.line <= lines.length }).toEqual({ d: brief(d), lineOk: true });
    const width = lines[d.loc.line - 1]!.length;
    expect({ d: brief(d), colOk: d.loc.col >= 1 && d.loc.col <= width + 1 }).toEqual({ d: brief(d), colOk: true });
  }
  // What `flowrt validate` prints, code frames included.
  // known defect, reported: a code frame quotes its whole line, so N diagnostics on one long line
  // print N times its length (10,000 attributes on a line: gigabytes); frames are checked for the
  // first 100, the messages and hints of all.
  for (const [i, d] of loaded.diagnostics.entries()) {
    const printed = i < 100 ? formatDiagnostic(d, (f) => loaded.texts.get(f)) : `${d.message}\n${d.hint ?? ''}`;
    for (const line of PASSWD) expect(printed).not.toContain(line);
  }
  if (loaded.diagnostics.some((d) => d.severity === 'error')) expect(loaded.app).toBeUndefined();
}

const brief = (d: Diagnostic) => `${d.code} ${d.message.slice(0, 120)} @${d.loc?.line}:${d.loc?.col}`;

/** The property over a mutant: loads without throwing, located diagnostics, and no app unless libxml2 reads it. */
async function holds(text: string | Uint8Array): Promise<void> {
  const loaded = await loadFile(text);
  checkDiagnostics(loaded);
  if (!(await wellFormed(text))) expect(loaded.diagnostics.filter((d) => d.severity === 'error').map(brief)).not.toEqual([]);
}

// Pieces that make XML mean something else, and characters XML forbids or treats specially.
const SNIPPETS = [
  '<',
  '>',
  '&',
  ';',
  '"',
  "'",
  '=',
  '/',
  '</',
  '/>',
  '<!--',
  '-->',
  '--',
  '<![CDATA[',
  ']]>',
  '<?',
  '?>',
  '<?xml version="1.0"?>',
  '<flow name="x">',
  '</flow>',
  '<mule>',
  '</mule>',
  '<set-payload value="#[payload]"/>',
  '<http:listener path="/"/>',
  '<x:y/>',
  ' xmlns:x="urn:x"',
  '&amp;',
  '&lt;',
  '&#10;',
  '&#x41;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&nbsp;',
  '&xxe;',
  '&lol9;',
  '#[',
  ']',
  '${',
  '}',
  '${greeting}',
  '<!DOCTYPE mule SYSTEM "file:///etc/passwd">',
  '<!DOCTYPE mule [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY a "b">',
  '\u0000',
  '\u0001',
  '\u000b',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udc00',
  '\u2028',
  '\r',
  '\t',
  '\u00e9',
  '😀',
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      fc.constantFrom(...SNIPPETS),
      fc.array(fc.constantFrom(...SNIPPETS), { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
  }),
);

function apply(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
  }
}

/** Offset of the first character of the base app's `</mule>`: every prefix shorter than its end is cut. */
const END = VALID.lastIndexOf('>') + 1;

describe('fuzz: flow XML', () => {
  it('the base app loads, so that mutants of it test something', async () => {
    const loaded = await loadFile(VALID);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.app).toBeDefined();
  });

  it('a flow file cut short anywhere is refused, located within the file', () => {
    // Every offset, exhaustively: parsing alone (load's first stage) is cheap enough.
    for (let at = 0; at < END; at++) {
      const text = VALID.slice(0, at);
      const parsed = parseXml('app.xml', text);
      const lines = text.split('\n');
      const where = parsed.diagnostics.map((d) => d.loc!).filter((l) => l.line > lines.length || l.col > lines[l.line - 1]!.length + 1);
      expect({ at, refused: parsed.diagnostics.length > 0, outside: where }).toEqual({ at, refused: true, outside: [] });
    }
  });

  it(
    'mutated flow files load without throwing, with located diagnostics, and never run unless well formed',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          await holds(mutations.reduce(apply, VALID));
        }),
        fuzz(SEED, 250, [
          // Content after the root element, which fast-xml-parser ignored: the flow it held silently vanished.
          [
            [
              { kind: 'insert', at: 0.9999999, text: '<flow name="x">' },
              { kind: 'insert', at: 0.9999999, text: '</flow>' },
            ],
          ],
          // Undeclared entities, references to characters XML forbids, < in a value: kept as text, loaded.
          [[{ kind: 'insert', at: 0.5, text: '&xxe;' }]],
          [[{ kind: 'insert', at: 0.5, text: '&#0;' }]],
          [[{ kind: 'insert', at: 0.5, text: '\u0001' }]],
          [[{ kind: 'insert', at: 0.5, text: ']]>' }]],
          // A processing instruction without a target, an XML declaration inside another: both loaded.
          [[{ kind: 'insert', at: 0.0012, text: '<' }]],
          [[{ kind: 'duplicate', at: 0, length: 6 }]],
          // A DOCTYPE with an external subset: never read, now refused.
          [[{ kind: 'insert', at: (VALID.indexOf('<mule') + 0.5) / VALID.length, text: '<!DOCTYPE mule SYSTEM "file:///etc/passwd">\n' }]],
        ]),
      );
    },
    timeLimit(250, 150),
  );

  it(
    'random bytes load without throwing, with located diagnostics',
    async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        // Mostly the valid app, with raw bytes (invalid UTF-8 among them) spliced in.
        fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, inserted]) => {
          const raw = Buffer.from(VALID);
          const cut = Math.floor(at * raw.length);
          return Buffer.concat([raw.subarray(0, cut), inserted, raw.subarray(cut)]);
        }),
      );
      await fc.assert(
        fc.asyncProperty(bytes, async (raw) => {
          const loaded = await loadFile(raw);
          checkDiagnostics(loaded);
          // known defect, reported: a flow file that is not valid UTF-8 is decoded with U+FFFD in
          // place of the bad bytes (deploy/app-files.ts, a non-fatal TextDecoder) and loads; libxml2
          // refuses it. Only valid UTF-8 is held to libxml2's verdict here.
          if (isUtf8(raw)) {
            if (!(await wellFormed(raw))) expect(loaded.app).toBeUndefined();
          }
        }),
        fuzz(SEED + 1, 150),
      );
    },
    timeLimit(150, 150),
  );

  it(
    'hostile documents (deep nesting, huge or many attributes, entity expansion, DOCTYPE) are refused or bounded, never resolved',
    async () => {
      const hostile = fc.oneof(
        fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 20_000 })).map((depth) => ({ kind: 'nesting' as const, n: depth })),
        fc.integer({ min: 1, max: 6_000_000 }).map((size) => ({ kind: 'attribute' as const, n: size })),
        fc.integer({ min: 1, max: 20_000 }).map((count) => ({ kind: 'attributes' as const, n: count })),
        fc.integer({ min: 1, max: 12 }).map((levels) => ({ kind: 'laughs' as const, n: levels })),
        fc.integer({ min: 1, max: 100_000 }).map((refs) => ({ kind: 'references' as const, n: refs })),
        fc.integer({ min: 1, max: 200_000 }).map((refs) => ({ kind: 'predefined' as const, n: refs })),
        fc.constantFrom('file:///etc/passwd', 'http://127.0.0.1:1/x.dtd', '/etc/passwd', 'passwd').map((uri) => ({ kind: 'external' as const, n: 0, uri })),
      );
      await fc.assert(
        fc.asyncProperty(hostile, async (h) => {
          const text = hostileDocument(h);
          const loaded = await loadFile(text);
          checkDiagnostics(loaded);
          if (h.kind === 'external' || h.kind === 'laughs' || h.kind === 'references') {
            // A DOCTYPE is never read: not its external subset, nor the entities it declares.
            expect(loaded.app).toBeUndefined();
            expect(loaded.diagnostics.map((d) => d.code)).toContain('doctype');
          }
          // References XML defines are read however many: a valid file loads.
          if (h.kind === 'predefined') expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          // <mule><flow>, n × <try>, <logger>: n + 3 levels; at most 100 are read.
          if (h.kind === 'nesting') {
            if (h.n + 3 > 100) expect(loaded.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
            else expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          }
        }),
        fuzz(SEED + 2, 40, [
          [{ kind: 'nesting', n: 10_000 }],
          [{ kind: 'nesting', n: 97 }],
          [{ kind: 'nesting', n: 98 }],
          [{ kind: 'attribute', n: 5 * 1024 * 1024 }],
          [{ kind: 'attributes', n: 10_000 }],
          [{ kind: 'laughs', n: 10 }],
          [{ kind: 'references', n: 100_000 }],
          [{ kind: 'external', n: 0, uri: 'file:///etc/passwd' }],
        ]),
      );
    },
    timeLimit(40, 2_000),
  );
});

type Hostile =
  { kind: 'nesting' | 'attribute' | 'attributes' | 'laughs' | 'references' | 'predefined'; n: number } | { kind: 'external'; n: number; uri: string };

function hostileDocument(h: Hostile): string {
  const flow = (inner: string) => mule(`<flow name="f"><http:listener config-ref="listener" path="/"/>${inner}</flow>`);
  switch (h.kind) {
    case 'nesting':
      return flow(`${'<try>'.repeat(h.n)}<logger/>${'</try>'.repeat(h.n)}`);
    case 'attribute':
      return flow(`<set-payload value="${'x'.repeat(h.n)}"/>`);
    case 'attributes':
      return flow(`<logger ${Array.from({ length: h.n }, (_, i) => `a${i}="${i}"`).join(' ')}/>`);
    case 'laughs': {
      // The billion laughs: each entity ten of the one before.
      const decls = ['<!ENTITY lol0 "lol">', ...Array.from({ length: h.n }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)];
      return `<?xml version="1.0"?>\n<!DOCTYPE mule [${decls.join('')}]>\n${flow(`<set-payload value="&lol${h.n};"/>`).replace(/^<\?xml[^>]*>\n/, '')}`;
    }
    case 'references':
      // No nesting, only width: one 9 KB entity referenced n times.
      return `<?xml version="1.0"?>\n<!DOCTYPE mule [<!ENTITY big "${'x'.repeat(9_000)}">]>\n${flow(`<set-payload value="${'&big;'.repeat(h.n)}"/>`).replace(/^<\?xml[^>]*>\n/, '')}`;
    case 'predefined':
      return flow(`<set-payload value="${'&amp;&#65;&#x42;'.repeat(h.n)}"/>`);
    case 'external':
      return `<?xml version="1.0"?>\n<!DOCTYPE mule SYSTEM "${h.uri}" [<!ENTITY xxe SYSTEM "${h.uri}">]>\n${flow('<set-payload value="&xxe;"/>').replace(/^<\?xml[^>]*>\n/, '')}`;
  }
}
