import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { ownRedis } from '../helpers/redis-server.js';
import type { Outcome } from './clients.js';
import { clients, eventually, summary } from './clients.js';

/*
 * docs/policies/rate-limiting.md, "When Redis is down": a counter operation fails within ~2 s,
 * onStoreFailure decides (allow: uncounted and without quota headers; deny: 503 with Retry-After 5),
 * the runtime keeps running, and counting resumes by itself once Redis answers again.
 * rate-limiting-sla-based checks credentials before it counts, whatever the store does.
 */

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const API = (id: string, path: string) =>
  `<api-gateway:autodiscovery apiId="${id}" flowRef="${id}"/><flow name="${id}"><http:listener config-ref="listener" path="${path}"/><set-payload value="ok"/></flow>`;
const FLOWS = mule([API('open-v1', '/open/*'), API('strict-v1', '/strict/*'), API('tight-v1', '/tight/*'), API('sla-v1', '/sla/*')].join('\n')).replace(
  '<mule ',
  `<mule ${NS} `,
);

const many = { maximumRequests: 100_000, timePeriodInMilliseconds: 60_000 };
const MANAGER = `apis:
  - apiId: open-v1
    policies:
      - id: rate-limiting
        config: ${JSON.stringify({ rateLimits: [many], exposeHeaders: true })}
  - apiId: strict-v1
    policies:
      - id: rate-limiting
        config: ${JSON.stringify({ rateLimits: [many], exposeHeaders: true, onStoreFailure: 'deny' })}
  - apiId: tight-v1
    policies:
      - id: rate-limiting
        config: ${JSON.stringify({ rateLimits: [{ maximumRequests: 3, timePeriodInMilliseconds: 60_000 }], keySelector: "#[attributes.headers['x-tenant']]" })}
  - apiId: sla-v1
    tiers:
      - { name: gold, limits: [${JSON.stringify(many)}] }
    policies:
      - id: rate-limiting-sla-based
        config: { exposeHeaders: true }
applications:
  - name: ann
    clientId: ann-id
    clientSecretHash: ${createHash('sha256').update('ann-secret').digest('hex')}
    contracts: [{ apiId: sla-v1, tier: gold }]
`;

const ANN = { client_id: 'ann-id', client_secret: 'ann-secret' };
const FORGER = { client_id: 'ann-id', client_secret: 'guessed' };
const CALLS = [{ path: '/open/x' }, { path: '/strict/x' }, { path: '/sla/x', headers: ANN }, { path: '/sla/y', headers: FORGER }];

let redis: OwnRedis;
let app: TestApp;
beforeAll(async () => {
  redis = await ownRedis();
  app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER }, { props: { 'flowrt.redis.url': redis.url } });
});
afterAll(async () => {
  await app?.stop();
  await redis?.stop();
});

const of = (outcomes: Outcome[], call: string) => outcomes.filter((o) => o.call === call);

describe('rate limiting while its Redis is frozen, killed and restarted under traffic', { timeout: 60_000 }, () => {
  it('follows onStoreFailure while Redis cannot answer, never lets a forged client in, and counts again once it is back, without a restart', async () => {
    const traffic = clients(() => app.url(''), CALLS);
    try {
      traffic.phase('up');
      await traffic.until('up', 3);

      // Frozen (SIGSTOP): the connection stays open and nothing answers; each count gives up after ~2 s.
      redis.freeze();
      traffic.phase('frozen');
      await traffic.until('frozen', 2);
      redis.thaw();
      traffic.phase('thawed');
      await eventually(
        () => fetch(app.url('/open/z')),
        (res) => res.headers.get('x-ratelimit-remaining') !== null,
        20_000,
        'counting to resume after the freeze',
      );

      await redis.kill();
      traffic.phase('down');
      await traffic.until('down', 3);

      // Labelled before the restart: the restarted Redis may answer before restart() resolves.
      traffic.phase('restarting');
      await redis.restart();
      traffic.phase('recovering');
      // The connection comes back by itself: no restart of flowrt.
      await eventually(
        () => fetch(app.url('/open/z')),
        (res) => res.headers.get('x-ratelimit-remaining') !== null,
        20_000,
        'counting to resume',
      );
      traffic.phase('back');
      await traffic.until('back', 3);
    } finally {
      await traffic.stop();
    }
    const all = traffic.seen();
    const up = traffic.seen('up');
    const down = [...traffic.seen('frozen'), ...traffic.seen('down')];
    const back = traffic.seen('back');

    // Throughout, outage and transitions included: an answer to every request (no hang, no reset),
    // never a 500, never a forged client let in.
    expect(
      all.filter((o) => o.status === 0 || (o.status >= 500 && o.status !== 503)),
      JSON.stringify(summary(all)),
    ).toEqual([]);
    expect(of(all, '/open/x').every((o) => o.status === 200)).toBe(true);
    expect(of(all, '/sla/x').every((o) => o.status === 200)).toBe(true);
    expect(of(all, '/sla/y').map((o) => o.status)).toEqual(of(all, '/sla/y').map(() => 401));

    // Before: counted.
    expect(of(up, '/open/x').every((o) => o.headers['x-ratelimit-remaining'] !== undefined)).toBe(true);
    expect(of(up, '/strict/x').every((o) => o.status === 200)).toBe(true);

    // Down, onStoreFailure allow (the default): through, uncounted, so without quota headers.
    expect(of(down, '/open/x').every((o) => o.body === 'ok' && o.headers['x-ratelimit-remaining'] === undefined)).toBe(true);
    expect(of(down, '/sla/x').every((o) => o.headers['x-ratelimit-remaining'] === undefined)).toBe(true);
    // Down, deny: 503 with Retry-After 5 and the documented body.
    for (const o of of(down, '/strict/x')) {
      expect(o.status).toBe(503);
      expect(o.headers['retry-after']).toBe('5');
      expect(JSON.parse(o.body)).toEqual({ error: 'service_unavailable', error_description: 'the quota of this API cannot be checked now' });
    }

    // Back: counted again, the deny API serves again.
    expect(of(back, '/open/x').every((o) => o.headers['x-ratelimit-remaining'] !== undefined)).toBe(true);
    expect(of(back, '/strict/x').every((o) => o.status === 200 && o.headers['x-ratelimit-remaining'] !== undefined)).toBe(true);
    // Quotas are enforced again, not merely counted.
    const tenant = { 'x-tenant': `t-${Date.now()}` };
    const tight: number[] = [];
    for (let i = 0; i < 5; i++) tight.push((await fetch(app.url('/tight/x'), { headers: tenant })).status);
    expect(tight).toEqual([200, 200, 200, 429, 429]);

    // Warnings per policy and outage, not one per request.
    const warned = app.logs.filter((l) => l.msg.startsWith('quota store unavailable'));
    expect(new Set(warned.map((w) => `${w.apiId} ${w.onStoreFailure}`))).toEqual(new Set(['open-v1 allow', 'strict-v1 deny', 'sla-v1 allow']));
    // And the all-clear of each, the last thing each said about its store (a policy that counted
    // nothing between the freeze and the kill saw one outage, not two).
    const last = new Map<unknown, string>();
    for (const l of app.logs) if (l.msg.startsWith('quota store')) last.set(l.apiId, l.msg);
    expect(Object.fromEntries(last)).toEqual({
      'open-v1': 'quota store is back: counting again',
      'strict-v1': 'quota store is back: counting again',
      'sla-v1': 'quota store is back: counting again',
    });
  });
});
