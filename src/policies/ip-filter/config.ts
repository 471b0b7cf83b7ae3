import { policyValue } from '../shared/expressions.js';
import { PolicyConfigError } from '../shared/policy.js';
import type { ClientSource } from './client.js';
import type { Range } from './ranges.js';
import { parseRange } from './ranges.js';

/** The configuration as the schema admits it (Anypoint's configurationData, plus `trustedProxies`). */
interface RawConfig {
  ips: string[];
  ipExpression?: string;
  trustedProxies?: string[];
}

/** An IP filter's configuration, checked and compiled once. */
export interface IpFilterConfig {
  readonly ranges: readonly Range[];
  readonly source: ClientSource;
}

/** Anypoint's default `ipExpression`: the X-Forwarded-For header, as any client may write it. */
const ANYPOINT_DEFAULT = "#[attributes.headers['x-forwarded-for']]";

/**
 * Without `ipExpression`, and with Anypoint's default (so that exported configurations do not
 * start trusting a header any client can write), the client is the connection's peer, or what
 * `trustedProxies` wrote in X-Forwarded-For. Any other expression is the user's choice and is
 * evaluated as given; `trustedProxies` with it would be ignored, so it is refused.
 */
export function ipFilterConfig(raw: Readonly<Record<string, unknown>>): IpFilterConfig {
  const c = raw as unknown as RawConfig;
  const ranges = rangesOf(c.ips, 'ips');
  const trustedProxies = rangesOf(c.trustedProxies ?? [], 'trustedProxies');
  const expression = c.ipExpression;
  if (expression === undefined || isAnypointDefault(expression))
    return Object.freeze({ ranges, source: Object.freeze({ kind: 'connection', trustedProxies }) });
  if (c.trustedProxies !== undefined) {
    throw new PolicyConfigError(
      'trustedProxies applies to the client address flowrt works out itself; with a custom ipExpression it would be ignored: drop one of them',
      '/trustedProxies',
    );
  }
  return Object.freeze({ ranges, source: Object.freeze({ kind: 'expression', value: policyValue(expression, '/ipExpression', 'expression') }) });
}

function rangesOf(entries: readonly string[], name: string): readonly Range[] {
  return Object.freeze(
    entries.map((entry, i) => {
      const range = parseRange(entry);
      if (typeof range === 'string') throw new PolicyConfigError(range, `/${name}/${i}`);
      return range;
    }),
  );
}

function isAnypointDefault(expression: string): boolean {
  return expression.replace(/\s+/g, '').replace(/"/g, "'").toLowerCase() === ANYPOINT_DEFAULT;
}
