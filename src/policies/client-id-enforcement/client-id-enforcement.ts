import { clientIdConfig } from './config.js';
import { clientVars } from './contract.js';
import { credentialsOf } from './credentials.js';
import { refuse } from './refusals.js';
import { CLIENT_ID_SCHEMA } from './schema.js';
import { secretMatches } from './secret.js';
import type { PolicyType } from '../shared/policy.js';

/**
 * `client-id-enforcement`, with Anypoint's parameters: only client applications with an approved
 * contract for the API get through, identified by their client id and secret (in headers, or
 * the Basic `Authorization` header). Secrets are checked against the sha256 api-manager.yaml
 * keeps, in constant time; contracts are looked up on every request, so a revoked one applies at
 * once. The client reaches the flow as `vars.client`.
 *
 * @example
 * const policy = clientIdEnforcement.create({ credentialsOriginHasHttpBasicAuthenticationHeader: 'httpBasicAuthenticationHeader' }, deps);
 * await policy.handle(ctx, next); // 401 unless Basic credentials of a contracted client
 */
export const clientIdEnforcement: PolicyType = {
  id: 'client-id-enforcement',
  schema: CLIENT_ID_SCHEMA,
  create(raw, deps) {
    const config = clientIdConfig(raw);
    const secretAsked = config.origin === 'basic' || config.clientSecret !== undefined;
    return {
      async handle(ctx, next) {
        const presented = await credentialsOf(ctx, config);
        if (!presented) return refuse(ctx, config, 'missing credentials');
        const { clientId, secret } = presented;
        if (secretAsked && secret === undefined) return refuse(ctx, config, 'missing secret', clientId);
        const contract = deps.contracts?.find(clientId);
        if (contract && contract.clientSecretHash === undefined) return refuse(ctx, config, 'registered at an IdP', clientId);
        // Compared even for an unknown client, so that the answer takes as long either way.
        const secretOk = secret === undefined || secretMatches(secret, contract?.clientSecretHash);
        if (!contract) return refuse(ctx, config, 'no contract', clientId);
        if (!secretOk) return refuse(ctx, config, 'wrong secret', clientId);
        ctx.vars.client = clientVars(contract);
        return next();
      },
    };
  },
};
