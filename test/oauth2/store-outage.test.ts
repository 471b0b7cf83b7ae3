import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import type { StoreFactory } from '../../src/stores/store.js';
import { mule, writeApp } from '../helpers/app.js';
import { FailingStores } from '../helpers/failing-stores.js';

const SECRET = 'svc-secret-0123456789abcdef';
/** Each operation in a flow of its own that answers the error type it raised, and 503 for STORE_UNAVAILABLE. */
const op = (name: string, step: string) => `
  <flow name="${name}">
    <http:listener config-ref="listener" path="/${name}">
      <http:error-response statusCode="#[$default(vars.httpStatus, 500)]"><http:body>#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier]</http:body></http:error-response>
    </http:listener>
    ${step}
    <error-handler><on-error-propagate type="OAUTH2-PROVIDER:STORE_UNAVAILABLE"><set-variable variableName="httpStatus" value="503"/></on-error-propagate></error-handler>
  </flow>`;
const FLOWS = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>
  ${op('validate', '<oauth2-provider:validate-token config-ref="oauth"/>')}
  ${op('revoke', '<oauth2-provider:revoke-token config-ref="oauth" token="#[attributes.headers.authorization]"/>')}
  ${op('create', '<oauth2-provider:create-client config-ref="oauth" clientId="new-one" secret="new-secret-0123456789" authorizedGrantTypes="CLIENT_CREDENTIALS"/>')}
  ${op('delete', '<oauth2-provider:delete-client config-ref="oauth" clientId="new-one"/>')}
  <api-gateway:autodiscovery apiId="enforced-v1" flowRef="enforced"/>
  <flow name="enforced"><http:listener config-ref="listener" path="/enforced"/><set-payload value="served"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);
/** The API enforced with the app's own provider, asked in process. */
const MANAGER = `clientProviders:
  - { name: self, type: flowrt, providerConfig: oauth }
apis:
  - apiId: enforced-v1
    clientProvider: self
    policies:
      - { id: openidconnect-access-token-enforcement, config: { skipClientIdValidation: true, tokenCacheTtlSeconds: 0 } }
`;

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function run(stores: StoreFactory): Promise<(path: string) => string> {
  const dir = await writeApp({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, stores });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  expect(started.diagnostics).toEqual([]);
  const runtime = started.runtime;
  cleanup.push(() => runtime.stop());
  return (path) => `http://127.0.0.1:${runtime.running.portOf('listener')}${path}`;
}

const answer = async (res: Response) => `${res.status} ${await res.text()}`;

describe('oauth2-provider operations when the store cannot be reached', () => {
  it('raise OAUTH2-PROVIDER:STORE_UNAVAILABLE, which a flow maps to 503, instead of MULE:UNKNOWN; and work again once it is back', async () => {
    const stores = new FailingStores();
    const url = await run(stores);
    const token = (await (
      await fetch(url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}`,
      })
    ).json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token.access_token}` };

    stores.down = true;
    for (const path of ['/validate', '/revoke', '/create', '/delete']) {
      expect(await answer(await fetch(url(path), { headers: bearer })), path).toBe('503 OAUTH2-PROVIDER:STORE_UNAVAILABLE');
    }

    stores.down = false;
    expect((await fetch(url('/validate'), { headers: bearer })).status).toBe(200);
    expect((await fetch(url('/create'))).status).toBe(200);
    expect((await fetch(url('/delete'))).status).toBe(200);
  });

  it('answers a token request from an unknown client 503 temporarily_unavailable, without an unhandled rejection (which ends the process)', async () => {
    const stores = new FailingStores();
    const url = await run(stores);
    stores.down = true;
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const res = await fetch(url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=stranger&client_secret=x',
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toMatchObject({ error: 'temporarily_unavailable' });
      // Rejections are reported after the microtask queue drains: give them a turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(rejections).toEqual([]);
  });
});

describe("token enforcement against the app's own provider (type flowrt) when its store cannot be reached", () => {
  it('answers 503 temporarily_unavailable, as for an IdP that cannot answer, not a policy failure (500)', async () => {
    const stores = new FailingStores();
    const url = await run(stores);
    const token = (await (
      await fetch(url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=svc&client_secret=${SECRET}`,
      })
    ).json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token.access_token}` };
    expect((await fetch(url('/enforced'), { headers: bearer })).status).toBe(200);
    stores.down = true;
    const refused = await fetch(url('/enforced'), { headers: bearer });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' });
    stores.down = false;
    expect((await fetch(url('/enforced'), { headers: bearer })).status).toBe(200);
  });
});
