import type { Value } from '../../expr/value.js';
import type { Contract, Contracts } from '../shared/identity.js';
import type { PolicyContext } from '../shared/policy.js';

/** What a policy that let a client in tells the flow of it (`vars.client`). */
export interface ClientVars {
  readonly clientId: string;
  readonly application: string;
  readonly tier?: string;
}

export function clientVars(contract: Contract): ClientVars {
  return Object.freeze({ clientId: contract.clientId, application: contract.application, ...(contract.tier !== undefined ? { tier: contract.tier } : {}) });
}

/**
 * The approved contract of the client a token was issued to, for token policies with
 * `skipClientIdValidation: false` (Anypoint: "ensure that the token is associated to an approved
 * contract"). `clientIdExpression` reads the claims as `vars.claimSet`; a client id it cannot find
 * has no contract.
 */
export async function tokenContract(
  ctx: PolicyContext,
  clientIdExpression: Value,
  claims: unknown,
  contracts: Contracts | undefined,
): Promise<Contract | undefined> {
  const event = ctx.event().withVar('claimSet', claims);
  const clientId = await clientIdExpression.evaluate(event).catch(() => undefined);
  if (typeof clientId !== 'string' || clientId === '') return undefined;
  return contracts?.find(clientId);
}
