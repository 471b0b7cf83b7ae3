import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, mule, start } from '../../helpers/app.js';
import type { TestApp } from '../../helpers/app.js';
import { killChildren, run, waitFor } from '../../helpers/cli.js';
import { upstream } from '../../helpers/upstream.js';
import type { Upstream } from '../../helpers/upstream.js';

let app: TestApp | undefined;
let warehouse: Upstream | undefined;
afterEach(async () => {
  killChildren();
  await app?.stop();
  await warehouse?.close();
  app = undefined;
  warehouse = undefined;
});

describe('dead letters, as an operator meets them', () => {
  it('brings a failed message back through the flow with `flowrt dlq replay`', async () => {
    let up = false;
    warehouse = await upstream((_req, res) => {
      res.statusCode = up ? 200 : 503;
      res.end(up ? 'shipped' : 'down');
    });
    app = await start(
      mule(`<vm:config name="vm"><vm:queues><vm:queue queueName="orders" queueType="PERSISTENT"/></vm:queues></vm:config>
<flow name="accept">
  <http:listener config-ref="listener" path="/orders"/>
  <vm:publish config-ref="vm" queueName="orders"/>
</flow>
<flow name="ship">
  <vm:listener config-ref="vm" queueName="orders"/>
  <http:request method="POST" url="${warehouse.base}/ship"/>
</flow>`),
      { admin: true, props: { 'flowrt.vm.maxAttempts': '2', 'flowrt.vm.retryBackoff': '10' } },
    );
    const to = app.adminUrl('');
    await fetch(app.url('/orders'), { method: 'POST', body: 'order-9' });
    await waitFor(() => warehouse!.received.length === 2, 10_000, 'two deliveries');
    let listed = '';
    await expect
      .poll(async () => (listed = (await run(['dlq', 'list', 'orders', '--to', to, '--token', ADMIN_TOKEN], 20_000)).stdout), {
        timeout: 20_000,
        interval: 200,
      })
      .toContain('order-9');
    expect(listed).toContain('HTTP:SERVICE_UNAVAILABLE');

    up = true;
    const replayed = await run(['dlq', 'replay', 'orders', '--to', to, '--token', ADMIN_TOKEN], 20_000);
    expect(replayed.code).toBe(0);
    await waitFor(() => warehouse!.received.length === 3, 10_000, 'the replayed delivery');
    expect(warehouse.received[2]!.body).toBe('order-9');
    const empty = await run(['dlq', 'list', 'orders', '--json', '--to', to, '--token', ADMIN_TOKEN], 20_000);
    expect(JSON.parse(empty.stdout)).toEqual([]);

    const metrics = await (await fetch(app.adminUrl('/metrics'), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(metrics).toMatch(/flowrt_queue_deliveries_total\{app="[^"]+",queue="orders",outcome="dead-lettered"\} 1/);
    expect(metrics).toMatch(/flowrt_queue_deliveries_total\{app="[^"]+",queue="orders",outcome="ok"\} 1/);
  });
});
