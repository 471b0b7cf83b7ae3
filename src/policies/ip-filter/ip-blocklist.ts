import { ipFilter } from './filter.js';
import type { PolicyType } from '../shared/policy.js';

/**
 * `ip-blocklist`, with Anypoint's parameters: clients whose address is in `ips` get 403, others
 * through. A client whose address cannot be told is refused too. The client is worked out as for
 * `ip-allowlist` (connection, `trustedProxies`, or a custom `ipExpression`).
 *
 * @example
 * const policy = ipBlocklist.create({ ips: ['203.0.113.0/24'] }, deps);
 * await policy.handle(ctx, next); // 403 for 203.0.113.x, next() for others
 */
export const ipBlocklist: PolicyType = ipFilter('ip-blocklist');
