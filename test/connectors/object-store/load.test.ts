import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/index.js';
import type { TestApp } from '../../helpers/app.js';
import { load, mule, start } from '../../helpers/app.js';

const dirs: string[] = [];
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The problems of an app of `body` (no listener). */
async function problems(body: string): Promise<Array<Pick<Diagnostic, 'code' | 'message' | 'severity'>>> {
  const loaded = await load({ 'flows/app.xml': mule(body, { listener: false }) });
  dirs.push(loaded.dir);
  return loaded.diagnostics.map(({ code, message, severity }) => ({ code, message, severity }));
}

const flow = (steps: string): string => `<flow name="f">${steps}</flow>`;

describe('loading Object Store elements', () => {
  it('loads every element without a problem, the default store needing no declaration', async () => {
    expect(
      await problems(`<os:config name="cfg"><os:connection/></os:config>
        <os:object-store name="tokens" persistent="true" entryTtl="1" entryTtlUnit="HOURS" maxEntries="100"
          expirationInterval="30" expirationIntervalUnit="MINUTES" config-ref="cfg"/>
        ${flow(`<os:store key="k" failIfPresent="#[true]" objectStore="tokens"><os:value>#[payload]</os:value></os:store>
          <os:retrieve key="#[vars.k]" target="t" targetValue="#[payload]"><os:default-value>none</os:default-value></os:retrieve>
          <os:contains key="k"/><os:remove key="k"/><os:retrieve-all objectStore="tokens"/><os:retrieve-all-keys/><os:clear/>`)}`),
    ).toEqual([]);
  });

  it('reports an objectStore that names no global element, with a did-you-mean', async () => {
    expect(await problems(`<os:object-store name="tokens"/>${flow('<os:retrieve key="k" objectStore="token"/>')}`)).toEqual([
      { code: 'dangling-ref', severity: 'error', message: 'objectStore="token" on <os:retrieve> names no global element; did you mean "tokens"?' },
    ]);
  });

  it('reports an objectStore that names something other than an object store', async () => {
    expect(await problems(`<sub-flow name="tokens"><logger/></sub-flow>${flow('<os:contains key="k" objectStore="tokens"/>')}`)).toEqual([
      { code: 'wrong-ref', severity: 'error', message: '"tokens" is a <sub-flow>, but a <os:object-store> is needed here' },
    ]);
  });

  it('refuses an expression for objectStore, as Mule does', async () => {
    const found = await problems(`<os:object-store name="tokens"/>${flow('<os:clear objectStore="#[vars.store]"/>')}`);
    expect(found.map((d) => d.code)).toEqual(['expression-not-allowed']);
  });

  it('reports time units Java does not have, and numbers that are not whole', async () => {
    const found = await problems(`<os:object-store name="a" entryTtl="5" entryTtlUnit="SECOND" expirationIntervalUnit="MINUTE"/>
      <os:object-store name="b" entryTtl="1.5" maxEntries="ten"/>`);
    expect(found).toEqual([
      {
        code: 'invalid-value',
        severity: 'error',
        message:
          'entryTtlUnit="SECOND" on <os:object-store> must be one of NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS; did you mean "SECONDS"?',
      },
      {
        code: 'invalid-value',
        severity: 'error',
        message:
          'expirationIntervalUnit="MINUTE" on <os:object-store> must be one of NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS; did you mean "MINUTES"?',
      },
      { code: 'invalid-value', severity: 'error', message: 'entryTtl="1.5" on <os:object-store> must be a whole number' },
      { code: 'invalid-value', severity: 'error', message: 'maxEntries="ten" on <os:object-store> must be a whole number' },
    ]);
  });

  it('refuses an entryTtl or maxEntries below 1, which would keep nothing', async () => {
    expect(await problems(`<os:object-store name="a" entryTtl="0"/><os:object-store name="b" maxEntries="-1"/>`)).toEqual([
      {
        code: 'invalid-object-store-setting',
        severity: 'error',
        message: 'entryTtl 0 on <os:object-store> "a" would expire every entry as soon as it is written',
      },
      { code: 'invalid-object-store-setting', severity: 'error', message: 'maxEntries -1 on <os:object-store> "b" would keep no entry' },
    ]);
  });

  it('reports the attributes and children an operation does not have', async () => {
    const found = await problems(flow('<os:store keys="k"/><os:remove key="k" target="t"/><os:contains key="k"><os:value>v</os:value></os:contains>'));
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ['unknown-attribute', 'unknown attribute "keys" on <os:store>; did you mean "key"?'],
      ['unknown-attribute', 'unknown attribute "target" on <os:remove>'],
      ['unknown-element', '<os:value> is not allowed inside <os:contains>'],
    ]);
  });

  it('warns that expirationInterval 0 turns expiry off, and then nothing expires, as in Mule', async () => {
    const xml = mule(`<os:object-store name="kept" entryTtl="100" entryTtlUnit="MILLISECONDS" expirationInterval="0"/>
      <flow name="put"><http:listener config-ref="listener" path="/put"/><os:store key="k" objectStore="kept"/></flow>
      <flow name="get"><http:listener config-ref="listener" path="/get"/><os:retrieve key="k" objectStore="kept"/></flow>`);
    app = await start(xml);
    expect(app.diagnostics.map(({ code, severity, message }) => ({ code, severity, message }))).toEqual([
      {
        code: 'object-store-never-expires',
        severity: 'warning',
        message: 'expirationInterval 0 on <os:object-store> "kept": as in Mule, entryTtl and maxEntries are not applied',
      },
    ]);
    await fetch(app.url('/put'), { method: 'POST', body: 'still here', headers: { 'content-type': 'text/plain' } });
    await sleep(300);
    expect(await (await fetch(app.url('/get'))).text()).toBe('still here');
  });

  it('keeps the entries of a store through a hot reload that changes its declaration', async () => {
    const files = (attrs: string): string =>
      mule(`<os:object-store name="kept" ${attrs}/>
        <flow name="put"><http:listener config-ref="listener" path="/put"/><os:store key="k" objectStore="kept"/></flow>
        <flow name="get"><http:listener config-ref="listener" path="/get"/><os:retrieve key="k" objectStore="kept"/></flow>`);
    app = await start(files(''));
    await fetch(app.url('/put'), { method: 'POST', body: 'before the reload', headers: { 'content-type': 'text/plain' } });
    await writeFile(join(app.dir, 'flows', 'app.xml'), files('maxEntries="5" entryTtl="1" entryTtlUnit="HOURS"'));
    expect((await app.runtime.reload()).ok).toBe(true);
    expect(await (await fetch(app.url('/get'))).text()).toBe('before the reload');
  });
});
