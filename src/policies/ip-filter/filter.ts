import type { ResponseSpec } from '../../http/response.js';
import type { PolicyContext, PolicyType } from '../shared/policy.js';
import { rejection } from '../shared/refusals.js';
import type { Address } from './address.js';
import { formatAddress } from './address.js';
import { clientAddress } from './client.js';
import { ipFilterConfig } from './config.js';
import { inRanges } from './ranges.js';

export type IpFilterId = 'ip-allowlist' | 'ip-blocklist';

const description = (listed: string) =>
  `${listed}: addresses (192.168.1.1, 2001:db8::1), CIDR ranges (192.168.3.0/30, 2001:db8::/32) or leading IPv4 octets (192.168); IPv4-mapped IPv6 clients match their IPv4 form`;

/** `ip-allowlist` / `ip-blocklist`'s configuration: Anypoint's parameters, plus flowrt's `trustedProxies`. */
export function ipFilterSchema(id: IpFilterId): Readonly<Record<string, unknown>> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['ips'],
    properties: {
      ips: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: description(id === 'ip-allowlist' ? 'the only clients let in' : 'the clients refused'),
      },
      ipExpression: {
        type: 'string',
        minLength: 1,
        description:
          "where the client's address is; absent, or Anypoint's default #[attributes.headers['x-forwarded-for']]: the connection's address (see trustedProxies), never a header the client may write",
      },
      trustedProxies: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          'flowrt: proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed: when the connection comes from one, the right-most address there that is not a trusted proxy is the client',
      },
    },
  };
}

/**
 * The policy both kinds share: the client's address is worked out, then checked against `ips`;
 * an allowlist lets in only listed clients, a blocklist refuses them. A client whose address
 * cannot be told is refused by both: a blocklist must not be escaped by hiding the address.
 */
export function ipFilter(id: IpFilterId): PolicyType {
  const allow = id === 'ip-allowlist';
  return {
    id,
    schema: ipFilterSchema(id),
    create(raw) {
      const config = ipFilterConfig(raw);
      return {
        async handle(ctx, next) {
          const client = await clientAddress(ctx, config.source);
          if (client === undefined) return refuse(ctx, id);
          if (inRanges(config.ranges, client) !== allow) return refuse(ctx, id, client);
          return next();
        },
      };
    },
  };
}

/** 403 with Anypoint's body, which says neither which list nor which entry. */
function refuse(ctx: PolicyContext, id: IpFilterId, client?: Address): ResponseSpec {
  const address = client === undefined ? undefined : formatAddress(client);
  // debug: a scan from refused addresses must not flood the log.
  ctx.log.debug(
    { apiId: ctx.apiId, client: address, reason: address === undefined ? 'client address unknown' : id === 'ip-allowlist' ? 'not allowed' : 'blocked' },
    `${id}: request refused`,
  );
  return rejection(403, {
    error: 'invalid_ip',
    description: client === undefined ? "Unable to identify the Client's IP Address." : 'The IP Address is invalid.',
  });
}
