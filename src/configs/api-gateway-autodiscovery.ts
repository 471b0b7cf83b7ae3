import type { ApiBinding } from '../policies/shared/policy.js';
import type { GlobalType } from '../spi/component.js';

/**
 * `<api-gateway:autodiscovery apiId flowRef ignoreBasePath>`: the flow's listener is governed by
 * the policies the API manager holds for apiId. Flows without it are not governed.
 */
export const apiGatewayAutodiscovery: GlobalType = {
  element: 'api-gateway:autodiscovery',
  spec: {
    attributes: {
      apiId: { kind: 'literal', required: true },
      flowRef: { kind: 'literal', required: true },
      ignoreBasePath: { kind: 'literal', type: 'boolean', default: 'false' },
    },
  },
  build(node): ApiBinding | undefined {
    const apiId = node.literal('apiId')!;
    const flowRef = node.literal('flowRef')!;
    return { apiId, flowRef, ignoreBasePath: node.bool('ignoreBasePath') ?? false };
  },
};
