import { afterEach, describe, expect, it } from 'vitest';
import { ipAllowlist } from '../../src/policies/ip-filter/ip-allowlist.js';
import { ipBlocklist } from '../../src/policies/ip-filter/ip-blocklist.js';
import { parseAddress } from '../../src/policies/ip-filter/address.js';
import { inRanges, parseRange } from '../../src/policies/ip-filter/ranges.js';
import { POLICIES } from '../../src/policies/index.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { PolicyType } from '../../src/policies/shared/policy.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';

/**
 * Flow "orders" (API orders-v1) on a dual-stack listener: reached over 127.0.0.1 the client is
 * ::ffff:127.0.0.1 (IPv4-mapped), over [::1] it is ::1.
 */
const FLOWS = mule(
  `<http:listener-config name="dual"><http:listener-connection host="::" port="0"/></http:listener-config>
  <api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="dual" path="/orders/*"/><set-payload value="ok"/></flow>`,
  { listener: false },
).replace('<mule ', `<mule ${NS} `);

async function startWith(id: string, config: Record<string, unknown>): Promise<TestApp> {
  return start({
    'flows/app.xml': FLOWS,
    'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: ${id}\n        config: ${JSON.stringify(config)}\n`,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the policy's answers
async function call(host: '127.0.0.1' | '[::1]', headers: Record<string, string> = {}): Promise<{ status: number; body: any; contentType: string | null }> {
  const res = await fetch(`http://${host}:${app!.running.portOf('dual')}/orders/1`, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, contentType: res.headers.get('content-type') };
}

const INVALID = { error: 'invalid_ip', description: 'The IP Address is invalid.' };
const UNKNOWN = { error: 'invalid_ip', description: "Unable to identify the Client's IP Address." };

describe('ip-allowlist', () => {
  it("lets in a listed IPv4 client (connected as ::ffff:127.0.0.1) and refuses an IPv6 one, with 403 and Anypoint's body", async () => {
    app = await startWith('ip-allowlist', { ips: ['127.0.0.1'] });
    expect(await call('127.0.0.1')).toMatchObject({ status: 200, body: 'ok' });
    const refused = await call('[::1]');
    expect(refused).toEqual({ status: 403, body: INVALID, contentType: 'application/json' });
  });

  it('matches IPv6 addresses and CIDR ranges of both families', async () => {
    app = await startWith('ip-allowlist', { ips: ['::1'] });
    expect((await call('[::1]')).status).toBe(200);
    expect((await call('127.0.0.1')).status).toBe(403);
    await app.stop();
    app = await startWith('ip-allowlist', { ips: ['127.0.0.0/8', '::/127'] });
    expect((await call('127.0.0.1')).status).toBe(200);
    expect((await call('[::1]')).status).toBe(200);
    await app.stop();
    app = await startWith('ip-allowlist', { ips: ['10.0.0.0/8', '2001:db8::/32'] });
    expect((await call('127.0.0.1')).status).toBe(403);
    expect((await call('[::1]')).status).toBe(403);
  });

  it('takes leading octets as a range, as Anypoint does ("127" is 127.0.0.0/8)', async () => {
    app = await startWith('ip-allowlist', { ips: ['127'] });
    expect((await call('127.0.0.1')).status).toBe(200);
  });

  it("ignores X-Forwarded-For without trustedProxies, with Anypoint's default ipExpression too", async () => {
    for (const config of [{ ips: ['198.51.100.7'] }, { ips: ['198.51.100.7'], ipExpression: "#[attributes.headers['x-forwarded-for']]" }]) {
      app = await startWith('ip-allowlist', config);
      expect((await call('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
      await app.stop();
      app = undefined;
    }
  });

  it('believes X-Forwarded-For from a trusted proxy: the right-most untrusted address is the client', async () => {
    app = await startWith('ip-allowlist', { ips: ['198.51.100.7'], trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    expect((await call('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    // A client cannot smuggle an address in front: the proxy appended the real one.
    expect((await call('127.0.0.1', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' })).status).toBe(403);
    // Trusted hops (10.0.0.5) are skipped.
    expect((await call('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7, 10.0.0.5' })).status).toBe(200);
    // No header: the proxy itself is the client.
    expect((await call('127.0.0.1')).status).toBe(403);
    // Not from a trusted proxy: the header is ignored.
    expect((await call('[::1]', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
  });

  it('refuses a request whose forwarded client is not an address, saying it cannot identify it', async () => {
    app = await startWith('ip-allowlist', { ips: ['0.0.0.0/0', '::/0'], trustedProxies: ['127.0.0.1'] });
    expect(await call('127.0.0.1', { 'x-forwarded-for': 'unknown' })).toEqual({ status: 403, body: UNKNOWN, contentType: 'application/json' });
    expect((await call('127.0.0.1', { 'x-forwarded-for': '[2001:db8::7]:443' })).status).toBe(200);
  });

  it('evaluates a custom ipExpression as given, its first address when it is a list', async () => {
    app = await startWith('ip-allowlist', { ips: ['198.51.100.0/24'], ipExpression: "#[attributes.headers['x-real-ip']]" });
    expect((await call('127.0.0.1', { 'x-real-ip': '198.51.100.7' })).status).toBe(200);
    expect((await call('127.0.0.1', { 'x-real-ip': '198.51.100.7, 203.0.113.9' })).status).toBe(200);
    expect((await call('127.0.0.1', { 'x-real-ip': '203.0.113.9' })).status).toBe(403);
    expect(await call('127.0.0.1')).toMatchObject({ status: 403, body: UNKNOWN });
  });

  it("reads Mule's remoteAddress form (/host:port) from an expression", async () => {
    app = await startWith('ip-allowlist', { ips: ['::1'], ipExpression: '#[attributes.remoteAddress]' });
    expect((await call('[::1]')).status).toBe(200);
    expect((await call('127.0.0.1')).status).toBe(403);
  });
});

describe('ip-blocklist', () => {
  it('refuses listed clients with 403 and lets others in', async () => {
    app = await startWith('ip-blocklist', { ips: ['::1'] });
    expect(await call('[::1]')).toEqual({ status: 403, body: INVALID, contentType: 'application/json' });
    expect((await call('127.0.0.1')).status).toBe(200);
  });

  it('blocks an IPv4 range for IPv4-mapped clients', async () => {
    app = await startWith('ip-blocklist', { ips: ['127.0.0.0/24'] });
    expect((await call('127.0.0.1')).status).toBe(403);
    expect((await call('[::1]')).status).toBe(200);
  });

  it('cannot be escaped with X-Forwarded-For, nor by hiding the address', async () => {
    app = await startWith('ip-blocklist', { ips: ['127.0.0.1'] });
    expect((await call('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
    await app.stop();
    app = await startWith('ip-blocklist', { ips: ['203.0.113.9'], trustedProxies: ['127.0.0.1'] });
    expect((await call('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await call('127.0.0.1', { 'x-forwarded-for': 'garbage' })).body).toEqual(UNKNOWN);
    expect((await call('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
  });
});

describe('ip filters: addresses and ranges', () => {
  const inRange = (entry: string, address: string) => inRanges([parseRange(entry) as Exclude<ReturnType<typeof parseRange>, string>], parseAddress(address)!);

  it('matches CIDR ranges bit by bit, host bits of the entry ignored', () => {
    expect(inRange('192.168.3.1/30', '192.168.3.3')).toBe(true);
    expect(inRange('192.168.3.1/30', '192.168.3.4')).toBe(false);
    expect(inRange('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(inRange('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(inRange('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inRange('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(inRange('::/0', '8.8.8.8')).toBe(true);
  });

  it('treats IPv4-mapped IPv6 as IPv4, in entries and addresses alike', () => {
    expect(inRange('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(inRange('10.0.0.0/8', '::ffff:a01:203')).toBe(true);
    expect(inRange('::ffff:10.0.0.0/104', '10.9.9.9')).toBe(true);
    expect(inRange('192.168', '192.168.255.255')).toBe(true);
    expect(inRange('192.168', '192.169.0.0')).toBe(false);
  });

  it('refuses an invalid entry at its JSON pointer', () => {
    const deps = { log: undefined as never, now: Date.now, httpClient: () => undefined as never };
    const problem = (type: PolicyType, config: Record<string, unknown>) => {
      try {
        type.create(config, deps);
        return 'built';
      } catch (e) {
        return e instanceof PolicyConfigError ? [e.path, e.message] : String(e);
      }
    };
    expect(problem(ipAllowlist, { ips: ['10.0.0.1', '10.0.0.0/33'] })).toEqual(['/ips/1', '/33 is not a prefix length of an IPv4 address (0 to 32)']);
    expect(problem(ipBlocklist, { ips: ['2001:db8::/129'] })).toEqual(['/ips/0', '/129 is not a prefix length of an IPv6 address (0 to 128)']);
    expect(problem(ipBlocklist, { ips: ['example.com'] })).toEqual(['/ips/0', expect.stringContaining('is not an IP address')]);
    expect(problem(ipBlocklist, { ips: ['300.1'] })[0]).toBe('/ips/0');
    expect(problem(ipAllowlist, { ips: ['10.0.0.1'], trustedProxies: ['10.0.0.1', 'proxy'] })[0]).toBe('/trustedProxies/1');
    expect(problem(ipAllowlist, { ips: ['10.0.0.1'], ipExpression: "#[attributes.headers['x-real-ip']]", trustedProxies: ['10.0.0.1'] })[0]).toBe(
      '/trustedProxies',
    );
    expect(problem(ipAllowlist, { ips: ['10.0.0.1'], ipExpression: '#[attributes.headers[' })[0]).toBe('/ipExpression');
    expect(problem(ipAllowlist, { ips: ['10.0.0.1', 'fe80::1%eth0', '10'] })).toBe('built');
  });

  it('are registered by their Anypoint ids, and api-manager.yaml with a bad entry blocks the API', async () => {
    expect(POLICIES.find((p) => p.id === 'ip-allowlist')).toBe(ipAllowlist);
    expect(POLICIES.find((p) => p.id === 'ip-blocklist')).toBe(ipBlocklist);
    app = await start({
      'flows/app.xml': FLOWS,
      'api-manager.yaml':
        'gatekeeper: flexible\napis:\n  - apiId: orders-v1\n    policies:\n      - id: ip-allowlist\n        config:\n          ips:\n            - 10.0.0.1\n            - 10.0.0.0/40\n',
    });
    expect(app.diagnostics.map((d) => d.message)).toEqual(['API orders-v1, policy "ip-allowlist": /40 is not a prefix length of an IPv4 address (0 to 32)']);
    expect((await call('127.0.0.1')).status).toBe(503);
  });
});
