/**
 * Just enough DER (ITU-T X.690) to read what Node's X509Certificate does not expose (a
 * certificate's version and signature algorithm) and the aliases of a PKCS#12 key store's keys.
 * Definite lengths only, which DER guarantees; anything else reads as undefined, never throws.
 */
export interface DerNode {
  readonly tag: number;
  /** Where the content starts and ends in the buffer. */
  readonly start: number;
  readonly end: number;
}

export const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, OID: 0x06, SEQUENCE: 0x30, SET: 0x31, BMP_STRING: 0x1e, CONTEXT_0: 0xa0 } as const;

/** The element at `offset`, if one is there and fits inside `limit`. */
export function readNode(buf: Uint8Array, offset: number, limit = buf.length): DerNode | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = buf[offset]!;
  // High tag numbers (0x1f) never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = buf[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buf[start + i]!;
    start += bytes;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

/** The elements directly inside a constructed one. */
export function childrenOf(buf: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let offset = node.start;
  while (offset < node.end) {
    const child = readNode(buf, offset, node.end);
    if (!child) return out;
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function oid(buf: Uint8Array, node: DerNode): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = node.start; i < node.end; i++) {
    value = value * 128 + (buf[i]! & 0x7f);
    if (buf[i]! & 0x80) continue;
    if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else parts.push(value);
    value = 0;
  }
  return parts.join('.');
}

/** A small INTEGER's value (versions and counts, never serial numbers). */
export function smallInteger(buf: Uint8Array, node: DerNode): number {
  let value = 0;
  for (let i = node.start; i < node.end && i < node.start + 6; i++) value = value * 256 + buf[i]!;
  return value;
}

/** Children of the node at a path of child indexes, each step required to have `tags[i]`. */
export function walk(buf: Uint8Array, path: ReadonlyArray<[index: number, tag: number]>): DerNode | undefined {
  let node = readNode(buf, 0);
  for (const [index, tag] of path) {
    if (!node) return undefined;
    const child: DerNode | undefined = childrenOf(buf, node)[index];
    if (!child || child.tag !== tag) return undefined;
    node = child;
  }
  return node;
}
