import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** Writes `text` on a connection of its own and waits for the server to close it. */
function raw(port: number, text: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    socket.on('data', () => undefined);
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

const MALFORMED = [
  'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab',
  'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a":',
  'GARBAGE\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nX: \u0001\r\n\r\n',
];

describe('a flood of malformed requests', () => {
  it('writes a few log lines, not one per connection, and the server keeps serving', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/*"/><set-payload value="ok"/></flow>`));
    const port = Number(new URL(app.url('/')).port);
    for (let i = 0; i < 50; i++) await Promise.all(MALFORMED.map((text) => raw(port, text)));
    const warnings = app.logs.filter((l) => l.level >= 40);
    expect(warnings.length).toBeLessThanOrEqual(MALFORMED.length);
    expect(await (await fetch(app.url('/fine'))).text()).toBe('ok');
  });
});
