import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JsonLimitExceededError, limitChecker, NO_LIMITS } from '../../../src/policies/json-threat-protection/limits.js';
import type { Container, JsonHandler } from '../../../src/policies/json-threat-protection/tokenizer.js';
import { JsonSyntaxError, JsonTokenizer } from '../../../src/policies/json-threat-protection/tokenizer.js';

type Event = string;

/** A handler that writes down what it is told; `partial` keeps the string progress reports too. */
function recorder(partial = false): { handler: JsonHandler; events: Event[] } {
  const events: Event[] = [];
  const handler: JsonHandler = {
    open: (c: Container, depth: number) => void events.push(`open ${c} ${depth}`),
    close: (c: Container) => void events.push(`close ${c}`),
    member: (c: Container, count: number) => void events.push(`member ${c} ${count}`),
    string: (length: number, key: boolean, done: boolean) => void ((done || partial) && events.push(`${key ? 'key' : 'string'} ${length}${done ? '' : '…'}`)),
    scalar: (kind) => void events.push(kind),
  };
  return { handler, events };
}

/** What the tokenizer must report for a document, worked out from JSON.parse's value instead. */
function expected(value: unknown, depth = 0, out: Event[] = []): Event[] {
  const length = (s: string) => [...s].length;
  if (Array.isArray(value)) {
    out.push(`open array ${depth + 1}`);
    value.forEach((v, i) => {
      out.push(`member array ${i + 1}`);
      expected(v, depth + 1, out);
    });
    out.push('close array');
  } else if (value !== null && typeof value === 'object') {
    out.push(`open object ${depth + 1}`);
    Object.entries(value).forEach(([k, v], i) => {
      out.push(`member object ${i + 1}`, `key ${length(k)}`);
      expected(v, depth + 1, out);
    });
    out.push('close object');
  } else if (typeof value === 'string') out.push(`string ${length(value)}`);
  else out.push(typeof value === 'number' ? 'number' : 'literal');
  return out;
}

/** Feeds `chunks` to a fresh tokenizer, ends it, and gives the events (or the error it threw). */
function tokenize(chunks: readonly string[]): Event[] | Error {
  const { handler, events } = recorder();
  const t = new JsonTokenizer(handler);
  try {
    for (const c of chunks) t.write(c);
    t.end();
    return events;
  } catch (e) {
    return e as Error;
  }
}

/** The same, from UTF-8 bytes split into chunks, decoded as the policy decodes them. */
function tokenizeBytes(chunks: readonly Buffer[]): Event[] | Error {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return tokenize([...chunks.map((c) => decoder.decode(c, { stream: true })), decoder.decode()]);
}

/** Every way to cut `text` in two, plus one character at a time. */
function splits(text: string): string[][] {
  const out = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

const VALID = [
  '{"Players":[{"Name":"Sachin","Email":"sachin.tendulkar@example.com"},{"Name":"Suryakumar","email":"Surya@example.com"}]}',
  '[]',
  '{}',
  ' \t\r\n[ [ ], { }, [[[]]] ] \n',
  '"just a string"',
  '0',
  '-0.5e+10',
  '[0,-1,12.5,1E3,1e-7,-0E0,123456789012345678901234567890]',
  '[true,false,null]',
  '{"é":"naïve","日本":"語","😀":"a😀b"}',
  '["\\"\\\\\\/\\b\\f\\n\\r\\t","\\u00e9\\u65E5","\\ud83d\\ude00","\\ud83d","\\ude00\\ud83d","x\\ud83d\\ude00y"]',
  '["\\ud83d😀","😀\\ude00"]',
  '{"a":{"b":{"c":[1,{"d":[]}]}},"e":""}',
  '{"":""}',
];

const INVALID = [
  '',
  '   ',
  '{',
  '[1,]',
  '{"a":1,}',
  '{"a" 1}',
  '{a:1}',
  "['a']",
  '[1 2]',
  '{"a":1}{}',
  '1 2',
  '01',
  '-',
  '1.',
  '1.e3',
  '.5',
  '+1',
  '1e',
  '1e+',
  'tru',
  'truex',
  'nul',
  'NaN',
  '"abc',
  '"a\\x"',
  '"\\u12G4"',
  '"\\u12"',
  '"tab\there"',
  '"line\nbreak"',
  ']',
  '[}',
  '{]',
  '[1]]',
  '\ufeff{}',
];

describe('JsonTokenizer', () => {
  it('reports the structure JSON.parse reads, wherever the text is cut', () => {
    for (const doc of VALID) {
      const want = expected(JSON.parse(doc));
      for (const chunks of splits(doc)) expect(tokenize(chunks), `${JSON.stringify(chunks)}`).toEqual(want);
    }
  });

  it('reads the same from UTF-8 bytes cut at every byte offset, inside characters included', () => {
    for (const doc of VALID) {
      const bytes = Buffer.from(doc, 'utf8');
      const want = expected(JSON.parse(doc));
      for (let i = 0; i <= bytes.length; i++) expect(tokenizeBytes([bytes.subarray(0, i), bytes.subarray(i)]), `${doc} at byte ${i}`).toEqual(want);
      expect(tokenizeBytes([...bytes].map((b) => Buffer.from([b])))).toEqual(want);
    }
  });

  it('refuses what JSON.parse refuses, wherever the text is cut', () => {
    for (const doc of INVALID) {
      expect(() => JSON.parse(doc), doc).toThrow();
      for (const chunks of splits(doc)) expect(tokenize(chunks), `${JSON.stringify(chunks)}`).toBeInstanceOf(JsonSyntaxError);
    }
  });

  it('counts a string in code points: an escape is one, a surrogate pair one, a lone surrogate one', () => {
    expect(tokenize(['"\\u00e9"'])).toEqual(['string 1']);
    expect(tokenize(['"😀"'])).toEqual(['string 1']);
    expect(tokenize(['"\\ud83d\\ude00"'])).toEqual(['string 1']);
    expect(tokenize(['"\\ud83d', '\\ude00"'])).toEqual(['string 1']);
    expect(tokenize(['"\ud83d', '\ude00"'])).toEqual(['string 1']);
    expect(tokenize(['"\\ud83dx"'])).toEqual(['string 2']);
    expect(tokenize(['"\\ude00\\ud83d"'])).toEqual(['string 2']);
  });

  it("reports a string's length so far whenever a chunk ends inside it", () => {
    const { handler, events } = recorder(true);
    const t = new JsonTokenizer(handler);
    t.write('{"na');
    t.write('me":"ab\\');
    t.write('u00e9c');
    t.write('"}');
    t.end();
    expect(events).toEqual(['open object 1', 'member object 1', 'key 2…', 'key 4', 'string 2…', 'string 4…', 'string 4', 'close object']);
  });

  it('says where the text went wrong', () => {
    expect(tokenize(['[1,', ' x]'])).toMatchObject({ message: 'unexpected "x" at character 4', offset: 4 });
    expect(tokenize(['{"a":1}', ' 2'])).toMatchObject({ message: 'more than one JSON value at character 8' });
    expect(tokenize(['[1'])).toMatchObject({ message: 'unexpected end of JSON at character 2' });
    expect(tokenize([''])).toMatchObject({ message: 'no JSON value at character 0' });
  });

  it('reads random documents as JSON.parse does, in random chunks', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const text = () => Array.from({ length: Math.floor(random() * 6) }, () => pick(['a', 'é', '😀', '"', '\\', '\n', '\u0001', '\ud800', ' '])).join('');
    const value = (depth: number): unknown => {
      const kind = depth > 4 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return text();
      if (kind === 1) return pick([0, -1.5, 1e21, 3.14159, 42]);
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return depth > 4 ? 'leaf' : Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`${text()}${i}`, value(depth + 1)]));
    };
    for (let n = 0; n < 200; n++) {
      const doc = JSON.stringify(value(0), null, pick([undefined, 1, '\t']));
      const chunks: string[] = [];
      for (let i = 0; i < doc.length;) {
        const size = 1 + Math.floor(random() * 7);
        chunks.push(doc.slice(i, i + size));
        i += size;
      }
      expect(tokenize(chunks), doc).toEqual(expected(JSON.parse(doc)));
    }
  });
});

describe('limitChecker', () => {
  const check = (doc: string, limits: Partial<typeof NO_LIMITS>): string | undefined => {
    const t = new JsonTokenizer(limitChecker({ ...NO_LIMITS, ...limits }));
    try {
      t.write(doc);
      t.end();
      return undefined;
    } catch (e) {
      if (e instanceof JsonLimitExceededError) return e.limit;
      throw e;
    }
  };

  it('lets a document at each limit through and refuses one past it', () => {
    expect(check('[{"a":[]}]', { maxContainerDepth: 3 })).toBeUndefined();
    expect(check('[{"a":[[]]}]', { maxContainerDepth: 3 })).toBe('maxContainerDepth');
    expect(check('["abc"]', { maxStringValueLength: 3 })).toBeUndefined();
    expect(check('["abcd"]', { maxStringValueLength: 3 })).toBe('maxStringValueLength');
    expect(check('{"abc":"longer value"}', { maxObjectEntryNameLength: 3 })).toBeUndefined();
    expect(check('{"abcd":1}', { maxObjectEntryNameLength: 3 })).toBe('maxObjectEntryNameLength');
    expect(check('{"a":1,"b":2}', { maxObjectEntryCount: 2 })).toBeUndefined();
    expect(check('{"a":1,"b":2,"c":3}', { maxObjectEntryCount: 2 })).toBe('maxObjectEntryCount');
    expect(check('[1,[2,3],4]', { maxArrayElementCount: 3 })).toBeUndefined();
    expect(check('[1,2,3,4]', { maxArrayElementCount: 3 })).toBe('maxArrayElementCount');
  });

  it('treats -1 as no limit and 0 as none allowed', () => {
    expect(check('[[[["x"]]]]', { maxContainerDepth: -1, maxStringValueLength: -1 })).toBeUndefined();
    expect(check('1', { maxContainerDepth: 0 })).toBeUndefined();
    expect(check('[]', { maxContainerDepth: 0 })).toBe('maxContainerDepth');
    expect(check('[]', { maxArrayElementCount: 0 })).toBeUndefined();
    expect(check('{"":""}', { maxObjectEntryNameLength: 0, maxStringValueLength: 0 })).toBeUndefined();
  });

  it('refuses a string as soon as a chunk ends past the limit, before the string ends', () => {
    const t = new JsonTokenizer(limitChecker({ ...NO_LIMITS, maxStringValueLength: 5 }));
    t.write('["abc');
    expect(() => t.write('def')).toThrow(JsonLimitExceededError);
  });
});
