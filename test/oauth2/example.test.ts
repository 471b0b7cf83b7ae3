import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, formatDiagnostic, loadApp, runApp } from '../../src/index.js';
import type { RunningApp } from '../../src/index.js';

/* examples/oauth-provider loads without a warning and does what its README shows. */
describe('examples/oauth-provider', () => {
  let running: RunningApp | undefined;
  let base = '';
  beforeAll(async () => {
    const log = createLogger('silent');
    const loaded = await loadApp({ dir: 'examples/oauth-provider', props: { 'http.port': '0', 'http.host': '127.0.0.1' }, log, environment: {} });
    expect(loaded.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    running = await runApp(loaded.app!, log);
    base = `http://127.0.0.1:${running.portOf('listener')}`;
  });
  afterAll(async () => {
    await running?.stop();
  });

  const billing = `Basic ${Buffer.from('billing:billing-secret-change-me-0123456789').toString('base64')}`;
  const form = (body: string) => ({ method: 'POST', headers: { authorization: billing, 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('serves the README: token, protected call, refusal, metadata, introspection, revocation', async () => {
    const { access_token } = (await (await fetch(`${base}/token`, form('grant_type=client_credentials'))).json()) as { access_token: string };
    const orders = await fetch(`${base}/api/orders`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(await orders.json()).toEqual({ orders: [], client: 'billing', user: null });
    const refused = await fetch(`${base}/api/orders`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'unauthorized', detail: 'no access token was presented' });
    expect(await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()).toMatchObject({ issuer: base, token_endpoint: `${base}/token` });
    expect(await (await fetch(`${base}/introspect`, form(`token=${access_token}`))).json()).toMatchObject({ active: true, client_id: 'billing' });
    expect((await fetch(`${base}/revoke`, form(`token=${access_token}`))).status).toBe(200);
    expect(await (await fetch(`${base}/introspect`, form(`token=${access_token}`))).json()).toEqual({ active: false });
  });
});
