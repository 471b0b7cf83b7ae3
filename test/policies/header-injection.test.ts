import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { rawGet } from '../helpers/raw-http.js';

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';

/** Flow "orders" (API orders-v1): answers with the request headers it saw. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="#[attributes.headers]"/></flow>`).replace(
  '<mule ',
  `<mule ${NS} `,
);

const MANAGER = `apis:
  - apiId: orders-v1
    policies:
      - id: header-injection
        config: { inboundHeaders: [{ key: X-Tenant, value: acme }, { key: x-caller, value: "#[attributes.method]" }] }
`;

describe('header-injection: inbound', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER });
  });
  afterAll(async () => {
    await app.stop();
  });

  const seen = async (headers: string[]) => {
    const res = await rawGet(app.url('/orders/1'), headers);
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as Record<string, string>;
  };

  it('adds the configured headers, values evaluated over the request', async () => {
    expect(await seen([])).toMatchObject({ 'x-tenant': 'acme', 'x-caller': 'GET' });
  });

  it('replaces a header of the same name the client sent, whatever its case, once or twice', async () => {
    expect((await seen(['x-tenant: evil']))['x-tenant']).toBe('acme');
    const twice = await seen(['X-TENANT: evil', 'x-Tenant: worse', 'X-Caller: me', 'x-other: kept']);
    expect(twice).toMatchObject({ 'x-tenant': 'acme', 'x-caller': 'GET', 'x-other': 'kept' });
  });
});
