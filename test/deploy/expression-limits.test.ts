import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const ENDLESS = mule(`<flow name="f"><http:listener config-ref="listener" path="/f"/>
  <set-payload value="#[($f := function($x) { $f($x + 1) }; $f(1))]"/></flow>`);

describe('expression limits', () => {
  it('take flowrt.expression.timeoutMs and maxDepth from the app properties', async () => {
    app = await start({ 'flows/app.xml': ENDLESS, 'config.yaml': 'flowrt:\n  expression:\n    maxDepth: 100000\n    timeoutMs: 150\n' });
    const res = await fetch(app.url('/f'));
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/^Evaluation timeout after 150 milliseconds/);
  });

  it('stop deep recursion at maxDepth', async () => {
    const deep = mule(`<flow name="f"><http:listener config-ref="listener" path="/f"/>
      <set-payload value="#[($f := function($x) { $x + $f($x + 1) }; $f(1))]"/></flow>`);
    app = await start(deep, { props: { 'flowrt.expression.maxDepth': '50' } });
    expect(await (await fetch(app.url('/f'))).text()).toMatch(/^Stack overflow\. Check for non-terminating recursive function/);
  });

  it('refuse a value that is not a positive whole number, naming the property', async () => {
    const loaded = await load({ 'flows/app.xml': ENDLESS }, { props: { 'flowrt.expression.timeoutMs': 'soon' } });
    expect(loaded.diagnostics.map((d) => d.message)).toContain('flowrt.expression.timeoutMs "soon" is not a whole number of at least 1');
  });
});
