import type { Address } from './address.js';
import { parseAddress, versionOf } from './address.js';

/** Addresses sharing their first `prefix` bits (of 128) with `base`. */
export interface Range {
  readonly base: Address;
  readonly prefix: number;
  /** 128 − prefix, and the base shifted by it: computed once, compared on every request. */
  readonly shift: bigint;
  readonly network: bigint;
}

const LEADING_OCTETS = /^\d{1,3}(?:\.\d{1,3}){0,2}$/;

/**
 * An entry of `ips` (or `trustedProxies`) in the forms Anypoint accepts: one address
 * (`192.168.1.1`, `2001:db8::1`), a CIDR range of either family (`192.168.3.1/30` — host bits are
 * ignored, as in Anypoint's own example — or `2001:db8::/32`), or leading IPv4 octets (`192.168`:
 * 192.168.0.0 to 192.168.255.255). Gives the range, or what is wrong with the entry.
 *
 * @example
 * parseRange('10.0.0.0/8'); // { base: 0xffff0a000000n, prefix: 104 }
 * parseRange('10.0.0.0/33'); // '/33 is not a prefix length of an IPv4 address (0 to 32)'
 */
export function parseRange(entry: string): Range | string {
  const text = entry.trim();
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const ip = text.slice(0, slash);
    const bits = text.slice(slash + 1);
    const version = versionOf(ip);
    if (version === 0) return `"${ip}" is not an IPv4 or IPv6 address`;
    const max = version === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `/${bits} is not a prefix length of an IPv${version} address (0 to ${max})`;
    return range(parseAddress(ip)!, Number(bits) + 128 - max);
  }
  const one = parseAddress(text);
  if (one !== undefined) return range(one, 128);
  if (LEADING_OCTETS.test(text)) {
    const octets = text.split('.').map(Number);
    if (octets.every((o) => o <= 255)) return range(parseAddress([...octets, 0, 0, 0].slice(0, 4).join('.'))!, 96 + 8 * octets.length);
  }
  return `"${text}" is not an IP address, a CIDR range (10.0.0.0/8, 2001:db8::/32) or leading IPv4 octets (192.168)`;
}

/** Whether `address` is in any of `ranges`. */
export function inRanges(ranges: readonly Range[], address: Address): boolean {
  return ranges.some((r) => address >> r.shift === r.network);
}

function range(address: Address, prefix: number): Range {
  const shift = BigInt(128 - prefix);
  const network = address >> shift;
  return { base: network << shift, prefix, shift, network };
}
