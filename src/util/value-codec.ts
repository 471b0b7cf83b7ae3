/**
 * Values as text that come back as they were: JSON, plus binary (Buffer / Uint8Array), dates,
 * big integers and `undefined`, which JSON would turn into something else. What a VM message or
 * an object-store entry holds must keep its type across runtimes: a Buffer stays a Buffer, a
 * number a number. Tagged objects carry the key `$flowrt`; a user's own object that has that key
 * is wrapped, so it never reads back as a tag.
 *
 * @example
 * decodeValue(encodeValue({ pdf: Buffer.from('%PDF') })) // { pdf: <Buffer 25 50 44 46> }
 */
const TAG = '$flowrt';

type Tagged =
  | { $flowrt: 'binary'; base64: string }
  | { $flowrt: 'date'; iso: string }
  | { $flowrt: 'bigint'; digits: string }
  | { $flowrt: 'undefined' }
  | { $flowrt: 'object'; value: Record<string, unknown> };

export function encodeValue(value: unknown): string {
  return JSON.stringify(tag(value));
}

export function decodeValue(text: string): unknown {
  return untag(JSON.parse(text));
}

function tag(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? { [TAG]: 'bigint', digits: value.toString() } : value;
  if (value instanceof Uint8Array) return { [TAG]: 'binary', base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Date) return { [TAG]: 'date', iso: value.toISOString() };
  if (Array.isArray(value)) return value.map(tag);
  // An object that serializes itself (Decimal, a DataWeave value …) is written as it asks.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = tag(v);
  return TAG in out ? { [TAG]: 'object', value: out } : out;
}

function untag(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(untag);
  const record = value as Record<string, unknown>;
  const kind = record[TAG];
  if (typeof kind === 'string') return fromTag(record as Tagged);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = untag(v);
  return out;
}

function fromTag(tagged: Tagged): unknown {
  switch (tagged.$flowrt) {
    case 'binary':
      return Buffer.from(tagged.base64, 'base64');
    case 'date':
      return new Date(tagged.iso);
    case 'bigint':
      return BigInt(tagged.digits);
    case 'undefined':
      return undefined;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(tagged.value)) out[k] = untag(v);
      return out;
    }
  }
}
