import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, freePort, killChildren, run, waitFor } from '../helpers/cli.js';

const VALID = 'test/fixtures/apps/validation/valid';
const INVALID = 'test/fixtures/apps/validation/invalid';

afterEach(killChildren);

describe('flowrt CLI', () => {
  it('lists the start and validate commands in --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+start \[options\] \[app-dir\]\s+run an app/m);
    expect(stdout).toMatch(/^\s+validate \[options\] \[app-dir\]\s+check an app/m);
  });

  it('validate exits 0 and names the app and counts its flows and sub-flows apart when the app is valid', async () => {
    const { code, stdout, stderr } = await run(['validate', VALID]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('valid-app: valid (2 flows, 1 sub-flow)\n');
  });

  it('validate exits 1 and prints every problem as path:line:col with a code frame, in line order', async () => {
    const { code, stderr } = await run(['validate', INVALID]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        `${INVALID}/flows/app.xml:5:20: error: level="LOUD" on <logger> must be one of TRACE, DEBUG, INFO, WARN, ERROR [invalid-value]`,
        '    4 |   <flow name="broken">',
        '  > 5 |     <logger level="LOUD"/>',
        '      |                    ^',
        '    6 |     <set-payloda value="x"/>',
        `${INVALID}/flows/app.xml:6:5: error: unknown element <set-payloda>; did you mean <set-payload>? [unknown-element]`,
        '    5 |     <logger level="LOUD"/>',
        '  > 6 |     <set-payloda value="x"/>',
        '      |     ^',
        '    7 |   </flow>',
        '2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('validate applies --prop over config.yaml and reports a bad value where its placeholder is', async () => {
    const { code, stderr } = await run(['validate', VALID, '--prop', 'http.port=eighty']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${VALID}/flows/app.xml:5:54: error: port="eighty" on <http:listener-connection> must be a whole number`);
  });

  it('start exits non-zero for an invalid app, printing its problems, instead of serving', async () => {
    // The outcome, not a deadline: a busy CI machine may take seconds just to load the CLI.
    const c = cli(['start', INVALID]);
    const code = await c.exited(15_000);
    expect(code).not.toBe(0);
    expect(c.stdout()).not.toContain('"app started"');
    expect(c.stderr()).toContain(`${INVALID}/flows/app.xml:6:5: error: unknown element <set-payloda>`);
  });

  it('start serves requests, and on SIGTERM finishes the one in flight and exits 0', async () => {
    const port = await freePort();
    const c = cli(['start', VALID, '--prop', `http.port=${port}`]);
    await waitFor(() => c.stdout().includes('"app started"'), 5000, `the app to start\n${c.stderr()}`);

    const hello = await fetch(`http://127.0.0.1:${port}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe('hello');

    // A client that sends its headers now and its body later keeps the request in flight.
    const body = '{"n": 1}';
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    const connected = new Promise<void>((resolve) => req.on('socket', (socket) => socket.on('connect', () => resolve())));
    req.flushHeaders();
    await connected;
    await sleep(100); // let the server read the headers and start the flow's request

    c.child.kill('SIGTERM');
    await sleep(300);
    expect(c.child.exitCode).toBeNull();
    req.end(body);

    const res = await response;
    let text = '';
    for await (const chunk of res) text += String(chunk);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(text)).toEqual({ got: { n: 1 } });
    expect(await c.exited(5000)).toBe(0);
  });
});
