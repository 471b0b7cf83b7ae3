import type { JWTPayload } from 'jose';
import { FlowEvent } from '../../runtime/event.js';
import type { ClaimRule, JwtConfig } from './config.js';

/**
 * The checks after the signature and exp/nbf/iss/typ (which jose makes): audience and custom
 * claims, as Anypoint's policy does them. Returns a short reason for the first that fails.
 */
export async function claimProblem(claims: JWTPayload, config: JwtConfig): Promise<string | undefined> {
  if (config.audiences) {
    const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (aud.length === 0) {
      if (config.audiences.mandatory) return 'aud claim missing';
    } else if (!aud.some((a) => config.audiences!.supported.has(String(a)))) return 'audience not allowed';
  }
  if (config.mandatoryClaims.length === 0 && config.optionalClaims.length === 0) return undefined;
  // Anypoint's custom claim expressions read the claims as vars.claimSet.
  const event = FlowEvent.create({ payload: null, attributes: {} }, 'jwt-validation', { claimSet: claims });
  for (const rule of config.mandatoryClaims) {
    if (claims[rule.key] === undefined) return `${rule.key} claim missing`;
    if (!(await holds(rule, claims, event))) return `${rule.key} claim invalid`;
  }
  for (const rule of config.optionalClaims) {
    if (claims[rule.key] !== undefined && !(await holds(rule, claims, event))) return `${rule.key} claim invalid`;
  }
  return undefined;
}

/** A literal must equal the claim, or be a member when the claim is an array; a condition must be true. */
async function holds(rule: ClaimRule, claims: JWTPayload, event: FlowEvent): Promise<boolean> {
  if ('literal' in rule.expected) {
    const value = claims[rule.key];
    const expected = rule.expected.literal;
    return Array.isArray(value) ? value.some((v) => String(v) === expected) : String(value) === expected;
  }
  try {
    return await rule.expected.condition(event);
  } catch {
    // An expression that fails (or is not boolean) does not vouch for the token.
    return false;
  }
}
