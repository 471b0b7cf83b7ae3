import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { NAMESPACES, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function flows(readTimeout: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<mule ${NAMESPACES}>
  <http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="0" readTimeout="${readTimeout}"/></http:listener-config>
  <flow name="echo"><http:listener config-ref="listener" path="/echo"/><set-payload value="#[payload]"/></flow>
</mule>`;
}

/** Sends headers and half a body, then waits: what the server answers, and after how long. */
function stall(port: number): Promise<{ text: string; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nhalf');
    });
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve({ text, afterMs: Date.now() - started }));
    socket.on('error', reject);
  });
}

describe('http:listener-connection readTimeout', () => {
  it('answers 408 to a request whose body stops arriving once readTimeout has passed, not at the next 30 s check', async () => {
    app = await start(flows('1000'));
    const { text, afterMs } = await stall(Number(new URL(app.url('/')).port));
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    // Node's default check every 30 s would answer only then: this test's 15 s limit would end it first.
  });
});
