import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyError, DEFAULT_MAX_BODY_BYTES, formToObject, parseBody, readBody, utf8Text } from '../../src/http/body.js';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** A request stream with headers: readBody reads only these two parts of an IncomingMessage. */
/** A request streaming `chunks`; without a Content-Length it is chunked, as a real one would be. */
function request(chunks: Buffer[], headers: Record<string, string> = { 'transfer-encoding': 'chunked' }): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

function refusal(run: () => unknown): BodyError {
  try {
    run();
  } catch (e) {
    if (e instanceof BodyError) return e;
    throw e;
  }
  throw new Error('expected a BodyError');
}

describe('parseBody', () => {
  it('parses JSON into a structure and keeps the media type', () => {
    expect(parseBody(text('{"a":[1,"x"]}'), 'application/json')).toEqual({ payload: { a: [1, 'x'] }, mediaType: 'application/json' });
  });

  it('parses any +json media type, whatever its case', () => {
    expect(parseBody(text('[1]'), 'Application/Problem+JSON').payload).toEqual([1]);
  });

  it('decodes JSON in the charset the Content-Type names', () => {
    const latin1 = Buffer.from([0x22, 0xe9, 0x22]); // "é" in ISO-8859-1
    expect(parseBody(latin1, 'application/json; charset=ISO-8859-1').payload).toBe('é');
  });

  it('refuses malformed JSON with 400', () => {
    const err = refusal(() => parseBody(text('{"a":'), 'application/json'));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('reads a form as an object of its fields', () => {
    expect(parseBody(text('a=1&b=x+y%21'), 'application/x-www-form-urlencoded').payload).toEqual({ a: '1', b: 'x y!' });
  });

  it('reads text and XML as strings', () => {
    expect(parseBody(text('héllo'), 'text/plain; charset=utf-8').payload).toBe('héllo');
    expect(parseBody(text('<a/>'), 'application/xml').payload).toBe('<a/>');
    expect(parseBody(text('<a/>'), 'application/soap+xml').payload).toBe('<a/>');
  });

  it('reads a body without a Content-Type as text', () => {
    expect(parseBody(text('plain'), undefined).payload).toBe('plain');
  });

  it('keeps other media types as bytes', () => {
    const bytes = Buffer.from([1, 2, 3]);
    const parsed = parseBody(bytes, 'image/png');
    expect(Buffer.isBuffer(parsed.payload)).toBe(true);
    expect(parsed.payload).toEqual(bytes);
  });

  it('reads an empty body as null, whatever the media type', () => {
    expect(parseBody(Buffer.alloc(0), 'application/json').payload).toBeNull();
    expect(parseBody(Buffer.alloc(0), 'text/plain').payload).toBeNull();
  });

  it('refuses bytes that are not valid in the declared charset with 400', () => {
    expect(refusal(() => parseBody(Buffer.from([0xff, 0xfe, 0xfd]), 'text/plain; charset=utf-8')).status).toBe(400);
  });

  it('refuses an unknown charset with 415', () => {
    expect(refusal(() => parseBody(text('x'), 'text/plain; charset=no-such-charset')).status).toBe(415);
  });
});

describe('formToObject', () => {
  it('collects a field sent more than once into an array, in order', () => {
    expect(formToObject('t=a&x=1&t=b&t=c')).toEqual({ t: ['a', 'b', 'c'], x: '1' });
  });

  it('decodes percent escapes and + as a space', () => {
    expect(formToObject('n=J%C3%BCrgen+K')).toEqual({ n: 'Jürgen K' });
  });

  it('reads an empty form as an empty object', () => {
    expect(formToObject('')).toEqual({});
  });
});

describe('readBody', () => {
  it('joins the chunks of a body within the limit', async () => {
    expect((await readBody(request([text('ab'), text('cd')]), 10)).toString()).toBe('abcd');
  });

  it('accepts a body of exactly the limit', async () => {
    expect((await readBody(request([Buffer.alloc(5), Buffer.alloc(5)]), 10)).length).toBe(10);
  });

  it('refuses with 413 a body whose Content-Length passes the limit, before reading it', async () => {
    await expect(readBody(request([], { 'content-length': '11' }), 10)).rejects.toMatchObject({ status: 413 });
  });

  it('refuses with 413 a body that grows past the limit', async () => {
    await expect(readBody(request([Buffer.alloc(6), Buffer.alloc(6)]), 10)).rejects.toMatchObject({ status: 413 });
  });

  it('allows 10 MiB by default', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe('readBody without a body', () => {
  it('reads nothing when the request has neither Content-Length nor chunking (RFC 9112 §6.3)', async () => {
    expect((await readBody(request([text('ignored')], {}), 10)).length).toBe(0);
  });

  it('refuses a body the client stops sending halfway', async () => {
    const req = Object.assign(new Readable({ read() {} }), { headers: { 'content-length': '10' } }) as unknown as IncomingMessage;
    const reading = readBody(req, 100);
    (req as unknown as Readable).push(text('abc'));
    (req as unknown as Readable).destroy();
    await expect(reading).rejects.toMatchObject({ status: 400 });
  });
});

describe('utf8Text', () => {
  const collect = (...chunks: Buffer[]) => {
    const c = utf8Text();
    for (const chunk of chunks) c.add(chunk);
    return c.done(chunks.reduce((n, b) => n + b.length, 0));
  };
  const bytes = Buffer.from('\uFEFF{"name":"Zoë 😀"}', 'utf8');

  it('decodes a body in one chunk or split anywhere, a character across chunks included, the BOM kept', () => {
    for (let at = 0; at <= bytes.length; at++) expect(collect(bytes.subarray(0, at), bytes.subarray(at))).toBe('\uFEFF{"name":"Zoë 😀"}');
    expect(collect(bytes)).toBe('\uFEFF{"name":"Zoë 😀"}');
    expect(collect()).toBe('');
  });

  it('refuses invalid UTF-8 with 400, in one chunk or in several', () => {
    const bad = Buffer.from([0x7b, 0xc3, 0x28, 0x7d]);
    for (const chunks of [[bad], [bad.subarray(0, 2), bad.subarray(2)], [Buffer.from('{"a":'), Buffer.from([0xff]), Buffer.from('}')]]) {
      expect(() => collect(...chunks)).toThrow(expect.objectContaining({ status: 400, message: 'request body is not valid utf-8' }));
    }
  });
});
