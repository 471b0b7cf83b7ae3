/**
 * Fuzz: request bodies of every content type, and what flows make of requests, through a
 * running app on real sockets.
 *
 * CI runs a fixed seed (about 20 s on two busy cores); hunt longer with
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz/http-bodies.test.ts
 * Whatever a property finds goes into its `examples` once fixed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { NAMESPACES, start } from '../helpers/app.js';
import type { WireResponse } from './raw-exchange.js';
import { exchange, parseResponses, request } from './raw-exchange.js';
import { fuzz, timeLimit } from './settings.js';

const SEED = 0x0b0d_0001;
const LIMIT = 256 * 1024;
/** Marks what the flows' own error handling answers, so that a bare 500 stands out. */
const FLOW_ERROR = 'flow-error|';

const ERROR_RESPONSE = `<http:error-response statusCode="500"><http:body>#['${FLOW_ERROR}' &amp; error.errorType.namespace &amp; ':' &amp; error.errorType.identifier]</http:body></http:error-response>`;
const APP = `<?xml version="1.0" encoding="UTF-8"?>
<mule ${NAMESPACES}>
  <http:listener-config name="listener" maxRequestBodySize="${LIMIT}">
    <http:listener-connection host="127.0.0.1" port="0" readTimeout="1500"/>
  </http:listener-config>
  <flow name="echo">
    <http:listener config-ref="listener" path="/echo">${ERROR_RESPONSE}</http:listener>
    <set-payload value="#[payload]"/>
  </flow>
  <flow name="transform">
    <http:listener config-ref="listener" path="/transform">${ERROR_RESPONSE}</http:listener>
    <set-payload value="#[{ 'type': $type(payload), 'query': attributes.queryParams, 'body': $type(payload) = 'object' ? payload : null }]" mimeType="application/json"/>
  </flow>
  <flow name="answer">
    <http:listener config-ref="listener" path="/answer">
      <http:response statusCode="#[$default(attributes.queryParams.s, 200)]" reasonPhrase="#[attributes.queryParams.r]">
        <http:headers>#[{ 'x-h': attributes.queryParams.h }]</http:headers>
      </http:response>
      ${ERROR_RESPONSE}
    </http:listener>
    <set-payload value="ok"/>
  </flow>
  <flow name="health">
    <http:listener config-ref="listener" path="/health" allowedMethods="GET"/>
    <set-payload value="up"/>
  </flow>
</mule>
`;

let app: TestApp;
let port: number;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  app = await start(APP);
  port = Number(new URL(app.url('/')).port);
});
afterAll(async () => {
  await app?.stop();
});

type Framing = 'exact' | 'chunked' | 'short' | 'long' | 'none';

/** A body as a short description (so that a counterexample prints small) and its bytes. */
type Body =
  | { readonly text: string; readonly as?: BufferEncoding }
  | { readonly nested: number; readonly open: string; readonly close: string }
  | { readonly bytes: readonly number[] };

interface Case {
  readonly path: string;
  readonly contentType?: string;
  readonly body: Body;
  readonly framing: Framing;
}

function bytesOf(body: Body): Buffer {
  if ('bytes' in body) return Buffer.from(body.bytes);
  if ('nested' in body) return Buffer.from(body.open.repeat(body.nested) + '1' + body.close.repeat(body.nested));
  return Buffer.from(body.text, body.as ?? 'utf8');
}

/** Sends a case as raw bytes; returns the responses, each checked to be well formed. */
async function send(c: Case): Promise<WireResponse[]> {
  const lines = c.contentType === undefined ? [] : [`Content-Type: ${c.contentType}`];
  const sent = bytesOf(c.body);
  let body = sent;
  switch (c.framing) {
    case 'exact':
      lines.push(`Content-Length: ${sent.length}`);
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      body = Buffer.concat([Buffer.from(`${sent.length.toString(16)}\r\n`), sent, Buffer.from('\r\n0\r\n\r\n')]);
      if (sent.length === 0) body = Buffer.from('0\r\n\r\n');
      break;
    case 'short':
      // Declares more than it sends, then ends its side: the server sees a body cut short.
      lines.push(`Content-Length: ${sent.length + 10}`);
      break;
    case 'long':
      // Sends more than it declares: the rest is read as another request (and refused as one).
      lines.push(`Content-Length: ${Math.max(0, sent.length - 3)}`);
      break;
    case 'none':
      break;
  }
  const raw = await exchange(port, request('POST', c.path, lines, body), { halfClose: c.framing === 'short' });
  const responses = parseResponses(raw);
  expect(responses.length).toBeGreaterThan(0);
  return responses;
}

/** What every answer must be: an expected status, and a 500 only from a flow's own error handling. */
function acceptable(res: WireResponse, framing: Framing): void {
  const allowed = [200, 400, 413, 415, 500, ...(framing === 'short' ? [408] : [])];
  const text = res.body.toString('utf8');
  expect({ status: res.status, text: text.slice(0, 200) }).toSatisfy(({ status }: { status: number }) => allowed.includes(status));
  if (res.status === 500) expect(text.slice(0, 200)).toMatch(new RegExp(`^${FLOW_ERROR.replace('|', '\\|')}`));
}

async function stillServing(): Promise<void> {
  const res = parseResponses(await exchange(port, request('GET', '/health', [])));
  expect(res.map((r) => [r.status, r.body.toString()])).toEqual([[200, 'up']]);
}

function noPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
}

// JSON: valid values, texts JSON.parse reads in odd ways, and mutations of both.
const ODD_JSON = [
  '1e400',
  '-1e400',
  '-0',
  '0e0',
  '1E-400',
  '123456789012345678901234567890',
  '[1e308, 2e308]',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '"\\u0000"',
  '"a\\u2028b"',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"__proto__":[]}',
  '{"toString":1,"valueOf":"x","hasOwnProperty":null}',
  '\ufeff{"bom":1}',
  ' \n\t{} ',
  '[]',
  '""',
  'null',
  'true',
  '{"":""}',
  '{"a":"\ud800"}',
  '{"😀":"\u{10FFFF}"}',
];
const jsonBody: fc.Arbitrary<Body> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => ({ text: JSON.stringify(v) })),
  fc.constantFrom(...ODD_JSON).map((text) => ({ text })),
  fc
    .tuple(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}']))
    .map(([nested, [open, close]]) => ({ nested, open: open!, close: close! })),
  fc.integer({ min: 1, max: 400_000 }).map((n) => ({ text: `"${'x'.repeat(n)}"` })),
  fc.tuple(fc.constantFrom(...ODD_JSON), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', '\\', '{', 'x', '\u0000', ':1')).map(([t, at, ins]) => {
    const i = at % (t.length + 1);
    return { text: t.slice(0, i) + ins + t.slice(i) };
  }),
);

const FIELD_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'a',
  'a[]',
  'a.b',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%80',
  '+',
  '',
  '%00',
  '%F0%9F%98%80',
  '\u00e9',
];
const formText = fc
  .array(fc.tuple(fc.constantFrom(...FIELD_NAMES), fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 }))), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

const CHARSETS = [
  'utf-8',
  'UTF-8',
  'utf8',
  '"utf-8"',
  'latin1',
  'iso-8859-1',
  'windows-1252',
  'utf-16le',
  'utf-16',
  'shift_jis',
  'koi8-r',
  'x-no-such',
  '',
  '"',
  'utf-8"',
  '\u00e9',
  'utf-8, latin1',
  'UTF-7',
  'binary',
  'ascii',
];
const contentType = (base: string) =>
  fc.oneof(
    fc.constant(base),
    fc.constantFrom(...CHARSETS).map((cs) => `${base}; charset=${cs}`),
    fc.constantFrom(`${base};`, `${base}; charset`, `${base}; charset=utf-8; charset=latin1`, `${base.toUpperCase()}; CHARSET=UTF-8`, `${base}; boundary=x`),
  );

/** The encoding Node writes `type`'s charset in, when it can (else UTF-8, whatever was declared). */
function encodingOf(type: string | undefined): BufferEncoding {
  const charset = /charset="?([^";,]+)/i.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset === 'latin1' || charset === 'iso-8859-1') return 'latin1';
  if (charset === 'utf-16le' || charset === 'utf-16') return 'utf16le';
  return 'utf8';
}

const framing = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Framing>('exact') },
  { weight: 1, arbitrary: fc.constantFrom<Framing>('chunked', 'short', 'long', 'none') },
);

const textIn = (text: string, ct: string | undefined): Body => ({ text, as: encodingOf(ct) });
const bodyCase: fc.Arbitrary<Case> = fc.oneof(
  fc
    .tuple(jsonBody, contentType('application/json'), fc.constantFrom('/echo', '/transform'), framing)
    .map(([b, ct, path, f]) => ({ path, contentType: ct, body: 'text' in b ? textIn(b.text, ct) : b, framing: f })),
  fc
    .tuple(formText, contentType('application/x-www-form-urlencoded'), fc.constantFrom('/echo', '/transform'), framing)
    .map(([t, ct, path, f]) => ({ path, contentType: ct, body: textIn(t, ct), framing: f })),
  fc
    .tuple(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('<a>&xxe;</a>', '<?xml version="1.0" encoding="latin1"?><a>é</a>')),
      fc.oneof(contentType('text/plain'), contentType('application/xml'), contentType('text/xml')),
      framing,
    )
    .map(([t, ct, f]) => ({ path: '/echo', contentType: ct, body: textIn(t, ct), framing: f })),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom(
        'application/octet-stream',
        'image/png',
        'application/x-unknown',
        'text/plain; charset=utf-8',
        'application/json',
        undefined,
        '',
        'no-slash',
        '/',
        'a/b/c',
      ),
      framing,
    )
    .map(([b, ct, f]) => ({ path: '/echo', contentType: ct, body: { bytes: [...b] }, framing: f })),
);

describe('fuzz: HTTP bodies by content type', () => {
  it(
    'every body gets a well-formed answer with an expected status; valid JSON and bytes come back as sent',
    async () => {
      await fc.assert(
        fc.asyncProperty(bodyCase, async (c) => {
          const [res, ...rest] = await send(c);
          acceptable(res!, c.framing);
          // What follows a body longer than its Content-Length is another request: refused, never a crash.
          for (const next of rest) expect((next.status >= 400 && next.status < 500) || next.status === 501).toBe(true);
          if (c.framing === 'exact' || c.framing === 'chunked') checkEcho(c, res!);
        }),
        fuzz(SEED, 4_000, [
          // The seed: a 5,000-deep JSON body echoed back.
          [{ path: '/echo', contentType: 'application/json', body: { nested: 5_000, open: '[', close: ']' }, framing: 'exact' }],
          [{ path: '/echo', contentType: 'application/json', body: { text: '{"__proto__":{"polluted":1}}' }, framing: 'exact' }],
          [
            {
              path: '/transform',
              contentType: 'application/x-www-form-urlencoded',
              body: { text: 'constructor=a&toString=b&__proto__=c&__proto__[polluted]=1' },
              framing: 'exact',
            },
          ],
          [{ path: '/echo', contentType: 'text/plain; charset=x-no-such', body: { text: 'x' }, framing: 'exact' }],
          [{ path: '/echo', contentType: 'application/json', body: { text: '{"a":1' }, framing: 'short' }],
          // Found here, known defects (reported): echoed as null, as a bare NUL, as an empty body.
          [{ path: '/echo', contentType: 'application/json', body: { text: '1e400' }, framing: 'exact' }],
          [{ path: '/echo', contentType: 'application/json', body: { text: '"\\u0000"' }, framing: 'exact' }],
          [{ path: '/echo', contentType: 'application/json', body: { text: 'null' }, framing: 'exact' }],
        ]),
      );
      await stillServing();
      noPollution();
    },
    timeLimit(4_000, 20),
  );

  it(
    'what a flow makes of query parameters (header values, reason phrases, odd names) is answered or refused by the flow, never sent broken',
    async () => {
      const param = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.constantFrom('Ā', 'é', '\u00ff', 'OK\r\nSet-Cookie: x=1', 'a\nb', 'a\rb', '\u0000', ' ', 'x'.repeat(9_000), '\u2028', '😀'),
      );
      const query = fc.record(
        { h: param, r: param, s: fc.constantFrom('200', '204', '302', '404', '500', '599', '100', '199', '600', '0', '-1', '2e2', 'abc', '') },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const target = `/answer?${new URLSearchParams(q as Record<string, string>)}`;
          const responses = parseResponses(await exchange(port, request('GET', target, [])));
          expect(responses).toHaveLength(1);
          const [res] = responses;
          const text = res!.body.toString('utf8');
          if (res!.status >= 500 && res!.status !== Number(q.s)) expect(text).toMatch(/^flow-error\|/);
          // Whatever the query said, it added no header of its own (parseResponses refused a broken line already).
          expect(res!.headers['set-cookie']).toBeUndefined();
        }),
        fuzz(SEED + 1, 2_000, [
          // The seeds: a header value above U+00FF, CRLF in a reason phrase, both from the query.
          [{ h: 'Ā' }],
          [{ r: 'OK\r\nSet-Cookie: x=1' }],
          [{ s: '100' }],
        ]),
      );
      await stillServing();
    },
    timeLimit(2_000, 20),
  );

  it(
    'fields and query parameters named like Object.prototype members are fields like any other',
    async () => {
      const names = fc.uniqueArray(
        fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'a'),
        { minLength: 1 },
      );
      await fc.assert(
        fc.asyncProperty(names, fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), async (keys, value) => {
          const fields = keys.map((k) => `${k}=${encodeURIComponent(value)}`).join('&');
          const [res] = await send({
            path: `/transform?${fields}`,
            contentType: 'application/x-www-form-urlencoded',
            body: { text: fields },
            framing: 'exact',
          });
          expect(res!.status).toBe(200);
          const expected = Object.fromEntries(keys.map((k) => [k, value]));
          const got = JSON.parse(res!.body.toString('utf8')) as { query: unknown; body: unknown };
          expect({ query: got.query, body: got.body }).toEqual({ query: expected, body: expected });
        }),
        fuzz(SEED + 2, 300, [[['constructor', 'toString', '__proto__'], 'v']]),
      );
      noPollution();
    },
    timeLimit(300, 20),
  );
});

/** A valid body the flow echoes comes back equal: JSON as the same value, bytes as the same bytes. */
function checkEcho(c: Case, res: WireResponse): void {
  if (c.path !== '/echo' || res.status !== 200) return;
  const sent = bytesOf(c.body);
  if (c.contentType === 'application/json') {
    const value = parsed(sent.toString('utf8'));
    // known defect, reported: a number beyond the double range (1e400) is read as Infinity and
    // echoed as null; such bodies are left out of the round trip.
    // known defect, reported: a body that is a JSON string ("abc") or null loses its media type
    // through set-payload #[payload]: answered as text/plain unquoted, or as an empty body; left out.
    if (value.ok && !someNumber(value.value, (n) => !Number.isFinite(n)) && typeof value.value !== 'string' && value.value !== null) {
      const got = parsed(res.body.toString('utf8'));
      const shown = sent.toString('utf8').slice(0, 200);
      expect({ body: shown, answer: res.body.toString('utf8').slice(0, 200), same: got.ok && sameJson(got.value, value.value) }).toEqual({
        body: shown,
        answer: res.body.toString('utf8').slice(0, 200),
        same: true,
      });
    }
  }
  if (c.contentType === 'application/octet-stream') expect(res.body.equals(sent)).toBe(true);
}

/** Whether some number in a JSON value satisfies `test` (walked without recursion). */
function someNumber(value: unknown, test: (n: number) => boolean): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && test(v)) return true;
    if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return false;
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Equal as JSON values, walked without recursion (bodies nest 12,000 deep): same types, same
 * keys in the same order, numbers equal with -0 as 0 (JSON has one zero), Infinity not null.
 */
function sameJson(a: unknown, b: unknown): boolean {
  const pairs: Array<[unknown, unknown]> = [[a, b]];
  while (pairs.length > 0) {
    const [x, y] = pairs.pop()!;
    if (typeof x === 'number' && typeof y === 'number') {
      if (!Object.is(x === 0 ? 0 : x, y === 0 ? 0 : y)) return false;
    } else if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      x.forEach((v, i) => pairs.push([v, y[i]]));
    } else if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      if (kx.join('\u0000') !== ky.join('\u0000')) return false;
      for (const k of kx) pairs.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    } else if (x !== y) return false;
  }
  return true;
}
