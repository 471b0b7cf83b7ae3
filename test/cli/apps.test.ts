import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { ADMIN_TOKEN, mule, start } from '../helpers/app.js';
import { cli, killChildren, run } from '../helpers/cli.js';

let app: TestApp | undefined;
afterEach(async () => {
  killChildren();
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="#[{'client': vars.client}]"/></flow>`).replace(
  '<mule ',
  `<mule ${NS} `,
);
const MANAGER = 'apis:\n  - apiId: orders-v1\n    policies: [{ id: client-id-enforcement }]\n';

async function runtime(): Promise<{ to: string }> {
  app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER }, { admin: true });
  return { to: app.adminUrl('') };
}

async function status(headers: Record<string, string>): Promise<number> {
  const res = await fetch(app!.url('/orders/1'), { headers });
  await res.arrayBuffer();
  return res.status;
}

describe('flowrt apps', () => {
  it('is listed in --help with create, list and revoke', async () => {
    const { code, stdout } = await run(['apps', '--help']);
    expect(code).toBe(0);
    for (const sub of ['create', 'list', 'revoke']) expect(stdout).toMatch(new RegExp(`^\\s+${sub} \\[options\\]`, 'm'));
  });

  it('create prints the client id and, once, the secret with a warning; the client is let in at once', async () => {
    const { to } = await runtime();
    const created = await run(['apps', 'create', '--name', 'shop', '--api', 'orders-v1', '--tier', 'gold', '--to', to, '--token', ADMIN_TOKEN]);
    expect(created.code).toBe(0);
    const clientId = /^client_id: +(\S+)$/m.exec(created.stdout)?.[1];
    const secret = /^client_secret: +(\S+)$/m.exec(created.stdout)?.[1];
    expect(created.stdout).toMatch(/^created application shop with a contract for API orders-v1$/m);
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(secret).toHaveLength(43);
    expect(created.stderr).toMatch(/^warning: the client secret is shown only this once/m);
    expect(await status({ client_id: clientId!, client_secret: secret! })).toBe(200);
    expect(await readFile(join(app!.dir, 'api-manager.yaml'), 'utf8')).not.toContain(secret!);

    const list = await run(['apps', 'list', '--to', to, '--token', ADMIN_TOKEN]);
    expect(list).toMatchObject({ code: 0, stdout: `shop  ${clientId}  orders-v1/gold\n` });
    const json = await run(['apps', 'list', '--json', '--to', to, '--token', ADMIN_TOKEN]);
    expect(JSON.parse(json.stdout)).toEqual([{ name: 'shop', clientId, contracts: [{ apiId: 'orders-v1', tier: 'gold', status: 'approved' }] }]);
    expect(json.stdout).not.toContain(secret!);
  });

  it('revoke --api revokes one contract; revoke without it deletes the application', async () => {
    const { to } = await runtime();
    const created = await run(['apps', 'create', '--name', 'shop', '--api', 'orders-v1', '--to', to, '--token', ADMIN_TOKEN]);
    const clientId = /^client_id: +(\S+)$/m.exec(created.stdout)![1]!;
    const secret = /^client_secret: +(\S+)$/m.exec(created.stdout)![1]!;
    const revoked = await run(['apps', 'revoke', '--name', 'shop', '--api', 'orders-v1', '--to', to, '--token', ADMIN_TOKEN]);
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked the contract of shop with API orders-v1\n' });
    expect(await status({ client_id: clientId, client_secret: secret })).toBe(401);
    expect((await run(['apps', 'list', '--to', to, '--token', ADMIN_TOKEN])).stdout).toBe(`shop  ${clientId}  orders-v1 (revoked)\n`);
    const deleted = await run(['apps', 'revoke', '--name', 'shop', '--to', to, '--token', ADMIN_TOKEN]);
    expect(deleted).toMatchObject({ code: 0, stdout: 'deleted application shop and its contracts\n' });
    expect((await run(['apps', 'list', '--to', to, '--token', ADMIN_TOKEN])).stdout).toBe('no applications\n');
  });

  it('takes the admin API and token from FLOWRT_ADMIN_URL and FLOWRT_ADMIN_TOKEN', async () => {
    const { to } = await runtime();
    const c = cli(['apps', 'create', '--name', 'shop', '--api', 'orders-v1'], { env: { FLOWRT_ADMIN_URL: to, FLOWRT_ADMIN_TOKEN: ADMIN_TOKEN } });
    expect(await c.exited(10_000)).toBe(0);
    expect(c.stdout()).toContain('client_id:');
  });

  it('exits 1 with the reason: no admin URL, a wrong token, an unknown API, an unknown application', async () => {
    const { to } = await runtime();
    const noUrl = cli(['apps', 'list', '--token', ADMIN_TOKEN], { env: { FLOWRT_ADMIN_URL: '' } });
    expect(await noUrl.exited(10_000)).toBe(1);
    expect(noUrl.stderr()).toMatch(/--to URL .* or FLOWRT_ADMIN_URL/);
    const wrong = await run(['apps', 'list', '--to', to, '--token', 'wrong-wrong-wrong-wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401/);
    const unknownApi = await run(['apps', 'create', '--name', 'shop', '--api', 'nope-v1', '--to', to, '--token', ADMIN_TOKEN]);
    expect(unknownApi.code).toBe(1);
    expect(unknownApi.stderr).toMatch(/HTTP 400.*no API nope-v1/);
    const ghost = await run(['apps', 'revoke', '--name', 'ghost', '--to', to, '--token', ADMIN_TOKEN]);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/HTTP 404.*no application ghost/);
  });
});
