import { ipFilter } from './filter.js';
import type { PolicyType } from '../shared/policy.js';

/**
 * `ip-allowlist`, with Anypoint's parameters: only clients whose address is in `ips` get through;
 * others get 403. The client is the connection's peer unless `trustedProxies` (flowrt) say whose
 * X-Forwarded-For to believe, or a custom `ipExpression` says otherwise.
 *
 * @example
 * const policy = ipAllowlist.create({ ips: ['10.0.0.0/8', '2001:db8::/32'] }, deps);
 * await policy.handle(ctx, next); // 403 unless the client is in 10/8 or 2001:db8::/32
 */
export const ipAllowlist: PolicyType = ipFilter('ip-allowlist');
