import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { load, mule, start } from '../../helpers/app.js';
import { upstream } from '../../helpers/upstream.js';
import type { TestApp } from '../../helpers/app.js';
import { MemoryQueueFactory } from '../../../src/queues/memory-queue.js';

const CONFIG = `<vm:config name="vm">
  <vm:queues>
    <vm:queue queueName="orders" queueType="PERSISTENT"/>
    <vm:queue queueName="done"/>
    <vm:queue queueName="rpc"/>
    <vm:queue queueName="inbox" maxOutstandingMessages="1"/>
  </vm:queues>
</vm:config>`;

/** Publishes the request body to `orders`; a listener copies what it got (with its attributes) to `done`; GET /done consumes it. */
const RELAY = `${CONFIG}
<flow name="publish">
  <http:listener config-ref="listener" path="/orders"/>
  <vm:publish config-ref="vm" queueName="orders"/>
  <set-payload value="accepted"/>
</flow>
<flow name="work">
  <vm:listener config-ref="vm" queueName="orders" numberOfConsumers="2"/>
  <vm:publish config-ref="vm" queueName="done">
    <vm:content>#[{ "got": payload, "queue": attributes.queueName, "cid": correlationId, "ts": attributes.timestamp }]</vm:content>
  </vm:publish>
</flow>
<flow name="done">
  <http:listener config-ref="listener" path="/done"/>
  <vm:consume config-ref="vm" queueName="done" timeout="3"/>
</flow>`;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('vm (memory queues)', () => {
  it('hands a published message to the listener flow with its payload, VM attributes and correlation id', async () => {
    app = await start(mule(RELAY));
    const posted = await fetch(app.url('/orders'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'order-77' },
      body: '{"id":77}',
    });
    expect(await posted.text()).toBe('accepted');
    const done = (await (await fetch(app.url('/done'))).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ got: { id: 77 }, queue: 'orders', cid: 'order-77' });
    expect(Date.parse(done.ts as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers publish-consume with the listener flow response, and raises VM:PUBLISH_CONSUMER_FLOW_ERROR when that flow fails', async () => {
    app = await start(
      mule(
        `${CONFIG}
<flow name="ask">
  <http:listener config-ref="listener" path="/ask"/>
  <vm:publish-consume config-ref="vm" queueName="rpc" timeout="5"/>
  <error-handler>
    <on-error-continue type="VM:PUBLISH_CONSUMER_FLOW_ERROR">
      <set-payload value="#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' ' &amp; error.description]"/>
    </on-error-continue>
  </error-handler>
</flow>
<flow name="answer">
  <vm:listener config-ref="vm" queueName="rpc">
    <vm:response><vm:content>#[{ "answer": payload.n * 2 }]</vm:content></vm:response>
  </vm:listener>
  <choice>
    <when expression="#[payload.n &lt; 0]"><raise-error type="APP:NEGATIVE" description="no negatives"/></when>
  </choice>
</flow>`,
      ),
    );
    const ok = await fetch(app.url('/ask'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":21}' });
    expect(await ok.json()).toEqual({ answer: 42 });
    const failed = await fetch(app.url('/ask'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":-1}' });
    expect(await failed.text()).toBe('VM:PUBLISH_CONSUMER_FLOW_ERROR no negatives');
  });

  it('raises VM:QUEUE_TIMEOUT when no listener answers a publish-consume in time', async () => {
    app = await start(
      mule(`${CONFIG}
<flow name="ask">
  <http:listener config-ref="listener" path="/ask"/>
  <vm:publish-consume config-ref="vm" queueName="rpc" timeout="200" timeoutUnit="MILLISECONDS"/>
  <error-handler><on-error-continue type="VM:QUEUE_TIMEOUT"><set-payload value="#[error.description]"/></on-error-continue></error-handler>
</flow>`),
    );
    expect(await (await fetch(app.url('/ask'), { method: 'POST', body: 'x' })).text()).toBe(
      "Published messages to queue 'rpc' but got no response after timeout of 200 MILLISECONDS",
    );
  });

  it("raises VM:EMPTY_QUEUE with Mule's message when vm:consume finds nothing in time", async () => {
    app = await start(
      mule(`${CONFIG}
<flow name="take">
  <http:listener config-ref="listener" path="/take"/>
  <vm:consume config-ref="vm" queueName="done" timeout="100" timeoutUnit="MILLISECONDS"/>
  <error-handler><on-error-continue type="VM:EMPTY_QUEUE"><set-payload value="#[error.description]"/></on-error-continue></error-handler>
</flow>`),
    );
    expect(await (await fetch(app.url('/take'))).text()).toBe(
      "Tried to consume messages from VM queue 'done' but it was empty after timeout of 100 MILLISECONDS",
    );
  });

  it('raises VM:QUEUE_TIMEOUT when a queue stays at maxOutstandingMessages for the timeout', async () => {
    app = await start(
      mule(`${CONFIG}
<flow name="put">
  <http:listener config-ref="listener" path="/put"/>
  <vm:publish config-ref="vm" queueName="inbox" timeout="150" timeoutUnit="MILLISECONDS"/>
  <error-handler><on-error-continue type="VM:QUEUE_TIMEOUT"><set-payload value="#[error.description]"/></on-error-continue></error-handler>
</flow>`),
    );
    expect(await (await fetch(app.url('/put'), { method: 'POST', body: 'one' })).text()).toBe('one');
    expect(await (await fetch(app.url('/put'), { method: 'POST', body: 'two' })).text()).toBe('Timeout publishing message to VM queue inbox');
  });

  it('keeps numbers, arrays and booleans as they were', async () => {
    app = await start(
      mule(`${CONFIG}
<flow name="put">
  <http:listener config-ref="listener" path="/put"/>
  <vm:publish config-ref="vm" queueName="done"><vm:content>#[{ "n": 1.5, "list": [1, 2], "ok": true }]</vm:content></vm:publish>
  <vm:consume config-ref="vm" queueName="done" target="back"/>
  <set-payload value="#[$type(vars.back.n) &amp; ' ' &amp; $type(vars.back.list) &amp; ' ' &amp; $string(vars.back.n)]"/>
</flow>`),
    );
    expect(await (await fetch(app.url('/put'), { method: 'POST', body: 'x' })).text()).toBe('number array 1.5');
  });

  it('redelivers a message whose flow fails, then dead-letters it, and replay brings it back through the flow', async () => {
    const queues = new MemoryQueueFactory();
    app = await start(
      mule(`${CONFIG}
<flow name="publish">
  <http:listener config-ref="listener" path="/orders"/>
  <vm:publish config-ref="vm" queueName="orders"/>
</flow>
<flow name="work">
  <vm:listener config-ref="vm" queueName="orders"><redelivery-policy maxRedeliveryCount="2"/></vm:listener>
  <vm:publish config-ref="vm" queueName="done"><vm:content>#[payload]</vm:content></vm:publish>
  <raise-error type="APP:DOWN" description="warehouse down"/>
</flow>`),
      { props: { 'flowrt.vm.retryBackoff': '20' }, queues },
    );
    await fetch(app.url('/orders'), { method: 'POST', body: 'order-1' });
    const orders = [...queues.opened()].find(([name]) => name.endsWith('/orders'))![1];
    const done = [...queues.opened()].find(([name]) => name.endsWith('/done'))![1];
    await waitUntil(async () => (await orders.stats()).deadLetters === 1);
    const [letter] = await orders.deadLetters();
    expect(letter).toMatchObject({ attempt: 3 });
    expect(JSON.parse(letter!.reason)).toEqual({ type: 'APP:DOWN', description: 'warehouse down' });
    // One delivery and two redeliveries went through the flow.
    expect((await done.stats()).waiting).toBe(3);
    expect(await orders.replay()).toBe(1);
    await waitUntil(async () => (await done.stats()).waiting === 6);
    await waitUntil(async () => (await orders.stats()).deadLetters === 1);
    expect(await orders.purge()).toBe(1);
    expect(await orders.stats()).toMatchObject({ deadLetters: 0, waiting: 0 });
  });
});

async function waitUntil(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('vm load errors', () => {
  it('refuses a queue the config does not declare, at its line and column', async () => {
    const loaded = await load({ 'flows/app.xml': mule(`${CONFIG}\n<flow name="p"><vm:publish config-ref="vm" queueName="orderz"/></flow>`) });
    expect(loaded.diagnostics.map((d) => [d.code, d.message])).toContainEqual(['undeclared-queue', 'vm:config "vm" declares no queue "orderz"']);
    const d = loaded.diagnostics.find((x) => x.code === 'undeclared-queue')!;
    expect(d.loc?.line).toBe(12);
  });
});

describe('vm across a hot reload', () => {
  it('hands the queue from the old version to the new one without losing or doubling a message', async () => {
    const sink = await upstream((_req, res) => void setTimeout(() => res.end('ok'), 5));
    const flows = (version: string) =>
      mule(`${CONFIG}
<flow name="publish">
  <http:listener config-ref="listener" path="/orders"/>
  <vm:publish config-ref="vm" queueName="orders"/>
</flow>
<flow name="work">
  <vm:listener config-ref="vm" queueName="orders" numberOfConsumers="4"/>
  <http:request method="POST" url="${sink.base}/${version}"/>
</flow>`);
    try {
      app = await start(flows('v1'));
      const sent = Array.from({ length: 60 }, (_, i) => `order-${i}`);
      const publishing = (async () => {
        for (const body of sent) await fetch(app!.url('/orders'), { method: 'POST', body });
      })();
      // Reloaded while the old version is at work.
      await waitUntil(async () => sink.received.length >= 5);
      await writeFile(join(app.dir, 'flows/app.xml'), flows('v2'));
      const reloaded = await app.runtime.reload();
      expect(reloaded).toMatchObject({ ok: true });
      await publishing;
      await waitUntil(async () => new Set(sink.received.map((r) => r.body)).size === sent.length);
      await new Promise((r) => setTimeout(r, 200));
      const bodies = sink.received.map((r) => r.body);
      expect(bodies.length).toBe(sent.length);
      expect(new Set(bodies)).toEqual(new Set(sent));
      // Both versions worked, and the new one took over.
      expect(sink.received.some((r) => r.url === '/v1')).toBe(true);
      expect(sink.received.at(-1)!.url).toBe('/v2');
    } finally {
      await sink.close();
    }
  });
});
