import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, mule, writeApp } from '../helpers/app.js';
import { cli, freePort, killChildren, run, waitFor } from '../helpers/cli.js';

const temps: string[] = [];
afterEach(async () => {
  killChildren();
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

const app = (port: number, text: string) =>
  mule(`<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="${text}"/></flow>`).replace('port="0"', `port="${port}"`);
const get = async (url: string) => {
  const res = await fetch(url);
  return `${res.status} ${await res.text()}`;
};

describe('flowrt dev', () => {
  it('serves an edit, reports a broken one with a code frame and keeps serving, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const dir = await writeApp({ 'flows/app.xml': app(port, 'one') });
    temps.push(dir);
    const c = cli(['dev', dir]);
    await waitFor(() => c.stdout().includes('watching for changes'), 5000, `dev to start\n${c.stderr()}`);
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 one');

    await writeFile(join(dir, 'flows/app.xml'), app(port, 'two'));
    await waitFor(() => c.stdout().includes('flows replaced hello'), 2000, `the reload\n${c.stdout()}`);
    expect(c.stdout()).toMatch(/"msg":"reloaded flows\/app\.xml: flows replaced hello \(0 kept\) in \d+ ms"/);
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 two');

    await writeFile(join(dir, 'flows/app.xml'), app(port, 'three').replace('</flow>', ''));
    await waitFor(() => c.stderr().includes('malformed XML'), 2000, `the problem\n${c.stderr()}`);
    expect(c.stderr()).toMatch(/app\.xml:5:1: error: malformed XML: Expected closing tag 'flow'.*\n(.*\n)? {2}> 5 \| <\/mule>/);
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 two');

    c.child.kill('SIGTERM');
    expect(await c.exited(5000)).toBe(0);
  });
});

describe('flowrt dev, starting broken', () => {
  it('reports an app that does not build and starts it on the save that fixes it', async () => {
    const port = await freePort();
    const dir = await writeApp({ 'flows/app.xml': app(port, 'fixed').replace('<set-payload', '<set-paylod') });
    temps.push(dir);
    const c = cli(['dev', dir]);
    await waitFor(() => c.stdout().includes('waiting for a change'), 5000, `dev to report the broken app\n${c.stderr()}`);
    expect(c.stderr()).toMatch(/app\.xml:\d+:\d+: error: .*set-paylod/);
    await writeFile(join(dir, 'flows/app.xml'), app(port, 'fixed'));
    await waitFor(() => c.stdout().includes('"app started"'), 10_000, `the app to start\n${c.stdout()}`);
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 fixed');
    c.child.kill('SIGTERM');
    expect(await c.exited(5000)).toBe(0);
    // A rebuild on a busy machine (CI beside other work) can take seconds: the waits above allow for it.
  }, 30_000);
});

describe('flowrt runtime and flowrt deploy', () => {
  it('hosts a packaged app dropped into its folder and takes a new version from flowrt deploy', async () => {
    const work = await mkdtemp(join(tmpdir(), 'flowrt-rt-'));
    temps.push(work);
    const apps = join(work, 'apps');
    await mkdir(apps);
    const port = await freePort();
    const adminPort = await freePort();
    const v1 = await writeApp({ 'flows/app.xml': app(port, 'v1'), 'flowrt-app.json': '{"name":"hello","version":"1.0.0"}' });
    const v2 = await writeApp({ 'flows/app.xml': app(port, 'v2'), 'flowrt-app.json': '{"name":"hello","version":"2.0.0"}' });
    temps.push(v1, v2);
    expect((await run(['package', v1, '-o', join(work, 'hello-1.tgz')])).code).toBe(0);
    expect((await run(['package', v2, '-o', join(work, 'hello-2.tgz')])).code).toBe(0);

    const c = cli(['runtime', '--apps', apps, '--admin-port', String(adminPort), '--admin-token', ADMIN_TOKEN]);
    await waitFor(() => c.stdout().includes('runtime ready'), 5000, `the runtime\n${c.stderr()}`);
    await copyFile(join(work, 'hello-1.tgz'), join(apps, 'hello.tgz'));
    await waitFor(() => c.stdout().includes('"msg":"app deployed"'), 5000, `the deploy\n${c.stdout()}`);
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 v1');

    const deployed = await run(['deploy', join(work, 'hello-2.tgz'), '--to', `http://127.0.0.1:${adminPort}`, '--token', ADMIN_TOKEN]);
    expect(deployed).toMatchObject({ code: 0, stdout: `redeployed hello 2.0.0 to http://127.0.0.1:${adminPort}: deployed\n` });
    expect(await get(`http://127.0.0.1:${port}/hello`)).toBe('200 v2');

    const refused = await run(['deploy', join(work, 'hello-2.tgz'), '--to', `http://127.0.0.1:${adminPort}`, '--token', 'wrong-wrong-wrong-wrong']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 401/);

    c.child.kill('SIGTERM');
    expect(await c.exited(5000)).toBe(0);
  });
});
