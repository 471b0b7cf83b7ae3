import { isIP } from 'node:net';

/**
 * An IP address as a 128-bit number. IPv4 addresses take their IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2), so a client on a dual-stack socket, which Node reports as
 * `::ffff:203.0.113.7`, matches the IPv4 entries written for it.
 */
export type Address = bigint;

const MAPPED = 0xffffn << 32n;

/** An address written alone (`203.0.113.7`, `2001:db8::1`, `fe80::1%eth0`); undefined for anything else. */
export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  // RFC 4007 §11: the zone index names the local interface, not part of the address.
  const zone = trimmed.indexOf('%');
  const bare = zone < 0 ? trimmed : trimmed.slice(0, zone);
  switch (isIP(bare)) {
    case 4:
      return MAPPED | ipv4(bare);
    case 6:
      return ipv6(bare);
    default:
      return undefined;
  }
}

/** Whether `isIP` knows `text` as IPv4 (4), IPv6 (6) or neither (0). */
export function versionOf(text: string): 0 | 4 | 6 {
  return isIP(text) as 0 | 4 | 6;
}

/**
 * An address as a client or proxy writes it: alone, as Mule's `remoteAddress` attribute
 * (`/203.0.113.7:51234`, `/::1:51234`), bracketed IPv6 (`[2001:db8::1]:443`) or IPv4 with a port.
 */
export function addressIn(text: string): Address | undefined {
  const s = text.trim();
  if (s.startsWith('/')) return fromRemoteAddress(s);
  const alone = parseAddress(s);
  if (alone !== undefined) return alone;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) return parseAddress(bracketed[1]!);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  return withPort ? parseAddress(withPort[1]!) : undefined;
}

/** Mule's `remoteAddress` (`/host:port`): the port is always there, so the last colon ends the host. */
export function fromRemoteAddress(text: string): Address | undefined {
  const bare = text.startsWith('/') ? text.slice(1) : text;
  const colon = bare.lastIndexOf(':');
  return parseAddress(colon > 0 && /^\d*$/.test(bare.slice(colon + 1)) ? bare.slice(0, colon) : bare);
}

/** For logs: dotted IPv4 for mapped addresses, full IPv6 groups otherwise. */
export function formatAddress(address: Address): string {
  if (address >> 32n === 0xffffn) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 0xffn)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

function ipv4(text: string): bigint {
  return text.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

/** An IPv6 address `isIP` accepted: `::` expanded, an IPv4 tail turned into two groups. */
function ipv6(text: string): bigint {
  let s = text;
  if (s.includes('.')) {
    const at = s.lastIndexOf(':') + 1;
    const v4 = ipv4(s.slice(at));
    s = `${s.slice(0, at)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}
