import type { Value } from '../../expr/value.js';
import type { PolicyContext } from '../shared/policy.js';
import type { Address } from './address.js';
import { addressIn, fromRemoteAddress } from './address.js';
import type { Range } from './ranges.js';
import { inRanges } from './ranges.js';

/**
 * Where the client's address comes from. `connection`: the peer of the TCP connection, or, when
 * that peer is one of `trustedProxies`, what those proxies wrote in X-Forwarded-For.
 * `expression`: whatever a custom `ipExpression` gives, as configured.
 */
export type ClientSource = { readonly kind: 'connection'; readonly trustedProxies: readonly Range[] } | { readonly kind: 'expression'; readonly value: Value };

/** The client's address; undefined when it cannot be told (no address, or one that does not parse). */
export async function clientAddress(ctx: PolicyContext, source: ClientSource): Promise<Address | undefined> {
  if (source.kind === 'expression') return fromExpression(ctx, source.value);
  const peer = fromRemoteAddress(ctx.request.remoteAddress);
  if (peer === undefined || !inRanges(source.trustedProxies, peer)) return peer;
  return forwardedClient(ctx.request.headers['x-forwarded-for'], source.trustedProxies, peer);
}

/**
 * Each proxy appends the address it received the request from (RFC 7239 §5.2 says the same of
 * `Forwarded: for=`), so walking X-Forwarded-For from the right, the first address that is not a
 * trusted proxy is the client; what lies further left was written by the client and proves
 * nothing. An entry that is not an address, where a trusted proxy should have written one, leaves
 * the client unknown. When every hop is trusted, the left-most is the client.
 */
function forwardedClient(header: string | string[] | undefined, trusted: readonly Range[], peer: Address): Address | undefined {
  // Node joins repeated X-Forwarded-For headers with ", " already; an array is joined the same way.
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = addressIn(hops[i]!);
    if (hop === undefined) return undefined;
    client = hop;
    if (!inRanges(trusted, hop)) break;
  }
  return client;
}

/** A custom expression's address; of a list (`client, proxy1, proxy2`) the first, as Anypoint checks. */
async function fromExpression(ctx: PolicyContext, value: Value): Promise<Address | undefined> {
  const v = await value.evaluate(ctx.event()).catch(() => undefined);
  const text = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  const first = text?.split(',')[0]?.trim();
  return first ? addressIn(first) : undefined;
}
