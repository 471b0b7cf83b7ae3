import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import { booleanSetting, enumSetting } from '../../expr/setting.js';
import { redirectUriProblem, secretProblem, unknownScopes } from '../../oauth2/client-rules.js';
import { readGrantName } from '../../oauth2/grant-names.js';
import { MAX_CLIENT_ID_LENGTH } from '../../oauth2/limits.js';
import { digest } from '../../oauth2/secrets.js';
import type { Client, ClientType, GrantType, ProviderSettings } from '../../oauth2/settings.js';
import type { StepType } from '../../spi/component.js';
import { LIST_ATTRIBUTE, listValue } from './list-param.js';
import { CONFIG_REF, providerOf } from './provider-of.js';
import { storeCall } from './store-call.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const TEXT = { kind: 'expression-supported' as const };
const CLIENT_TYPES: readonly ClientType[] = ['CONFIDENTIAL', 'PUBLIC'];

/**
 * `<oauth2-provider:create-client config-ref clientId type secret …>` (Mule's Create Client):
 * stores a client in the provider's client store, where every node and a restart see it. An
 * existing stored client is replaced unless `failIfPresent` (then OAUTH2-PROVIDER:CLIENT_ALREADY_EXISTS);
 * input that could not make a usable client raises OAUTH2-PROVIDER:INVALID_CONFIGURATION. The
 * payload is left as it was (Mule's operation returns nothing).
 */
export const createClient: StepType = {
  element: 'oauth2-provider:create-client',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      clientId: { ...TEXT, required: true },
      type: { kind: 'expression-supported', default: 'CONFIDENTIAL', values: CLIENT_TYPES },
      secret: { ...TEXT, doc: 'Required for a CONFIDENTIAL client; stored as its sha256 only.' },
      clientName: TEXT,
      description: TEXT,
      principal: TEXT,
      redirectUris: LIST_ATTRIBUTE,
      authorizedGrantTypes: LIST_ATTRIBUTE,
      scopes: LIST_ATTRIBUTE,
      failIfPresent: { kind: 'expression-supported', type: 'boolean', default: 'false' },
    },
    children: { 'error-mapping': ERROR_MAPPING },
  },
  throws: [OAUTH2_PROVIDER.CLIENT_ALREADY_EXISTS, OAUTH2_PROVIDER.INVALID_CONFIGURATION, OAUTH2_PROVIDER.STORE_UNAVAILABLE],
  build(node) {
    const provider = providerOf(node);
    const clientId = node.value('clientId');
    // Operation parameters of Mule's module: literals or expressions alike.
    const clientType = enumSetting<ClientType>(node.value('type'), CLIENT_TYPES, 'CONFIDENTIAL', 'type');
    const failIfPresent = booleanSetting(node.value('failIfPresent'), false);
    const values = {
      secret: node.value('secret'),
      clientName: node.value('clientName'),
      description: node.value('description'),
      principal: node.value('principal'),
      redirectUris: node.value('redirectUris'),
      authorizedGrantTypes: node.value('authorizedGrantTypes'),
      scopes: node.value('scopes'),
    };
    if (!provider || !clientId) return undefined;
    const { clients, settings } = provider.core;
    return {
      location: node.location,
      async process(event) {
        const text = async (v: Value | undefined) => textOf(v ? await v.evaluate(event) : undefined);
        const id = await text(clientId);
        if (!id) throw invalid('clientId is empty');
        // The token endpoint looks up no longer id: such a client could never authenticate.
        if (id.length > MAX_CLIENT_ID_LENGTH) throw invalid(`clientId is longer than ${MAX_CLIENT_ID_LENGTH} characters`);
        if (clients.isFixed(id)) throw invalid(`client ${id} is configured in ${settings.name}'s clients and cannot be replaced at run time`);
        const type = clientType.constant ?? (await clientType.get(event));
        const client = buildClient(id, type, settings, {
          secret: await text(values.secret),
          clientName: await text(values.clientName),
          description: await text(values.description),
          principal: await text(values.principal),
          redirectUris: await listValue(values.redirectUris, event),
          grants: await listValue(values.authorizedGrantTypes, event),
          scopes: await listValue(values.scopes, event),
        });
        const exclusive = failIfPresent.constant ?? (await failIfPresent.get(event));
        if (!(await storeCall('create-client', () => clients.put(client, !exclusive)))) {
          throw new FlowError(OAUTH2_PROVIDER.CLIENT_ALREADY_EXISTS, `client ${id} already exists in ${settings.name}`);
        }
        return event;
      },
    };
  },
};

interface ClientInput {
  readonly secret?: string;
  readonly clientName?: string;
  readonly description?: string;
  readonly principal?: string;
  readonly redirectUris: readonly string[];
  readonly grants: readonly string[];
  readonly scopes: readonly string[];
}

/** The client, checked as a configured one is: secret by type, known grants and scopes, absolute redirect URIs. */
function buildClient(clientId: string, type: ClientType, settings: ProviderSettings, input: ClientInput): Client {
  const secret = secretProblem(clientId, type, Boolean(input.secret));
  if (secret) throw invalid(secret);
  const grantTypes: GrantType[] = [];
  for (const raw of input.grants) {
    const read = readGrantName(raw);
    if (!read.ok) throw invalid(`client ${clientId}: ${read.message}`);
    if (!grantTypes.includes(read.grant)) grantTypes.push(read.grant);
  }
  for (const uri of input.redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw invalid(`client ${clientId}: ${problem}`);
  }
  const unknown = unknownScopes(input.scopes, settings.scopes);
  if (unknown.length > 0) throw invalid(`client ${clientId} has scope ${unknown.map((s) => `"${s}"`).join(', ')}, which ${settings.name}'s scopes do not list`);
  return {
    clientId,
    ...(input.secret ? { secretHash: digest(input.secret) } : {}),
    ...(input.clientName ? { clientName: input.clientName } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.principal ? { principal: input.principal } : {}),
    type,
    redirectUris: input.redirectUris,
    grantTypes,
    scopes: [...new Set(input.scopes)],
  };
}

function invalid(message: string): FlowError {
  return new FlowError(OAUTH2_PROVIDER.INVALID_CONFIGURATION, message);
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = toText(value).trim();
  return text === '' ? undefined : text;
}
