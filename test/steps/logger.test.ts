import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function flow(steps: string): string {
  return mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}</flow>`);
}

/** pino's numeric levels. */
const LEVEL = { TRACE: 10, DEBUG: 20, INFO: 30, WARN: 40, ERROR: 50 } as const;

function logged(msg: string): LogLine | undefined {
  return app!.logs.find((l) => l.msg === msg);
}

describe('logger', () => {
  it('interpolates each #[...] of the message template', async () => {
    app = await start(flow(`<set-variable variableName="who" value="ada"/><logger message="Sum is #[payload.total] for #[vars.who]"/>`));
    await fetch(app.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"total": 42}' });
    expect(logged('Sum is 42 for ada')).toBeDefined();
  });

  it('logs a message without expressions as written', async () => {
    app = await start(flow(`<logger message="plain [text]"/>`));
    await fetch(app.url('/t'));
    expect(logged('plain [text]')).toBeDefined();
  });

  it('writes structures as JSON and missing values as null in the message', async () => {
    app = await start(flow(`<logger message="got #[payload] and #[vars.missing]"/>`));
    await fetch(app.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1]}' });
    expect(logged('got {"a":[1]} and null')).toBeDefined();
  });

  it('logs at INFO by default', async () => {
    app = await start(flow(`<logger message="default level"/>`));
    await fetch(app.url('/t'));
    expect(logged('default level')?.level).toBe(LEVEL.INFO);
  });

  it('logs at the level it names', async () => {
    const loggers = (Object.keys(LEVEL) as Array<keyof typeof LEVEL>).map((l) => `<logger level="${l}" message="at ${l}"/>`).join('');
    app = await start(flow(loggers));
    await fetch(app.url('/t'));
    for (const [name, level] of Object.entries(LEVEL)) expect(logged(`at ${name}`)?.level, name).toBe(level);
  });

  it('puts the category in the log line', async () => {
    app = await start(flow(`<logger message="categorised" category="com.acme.orders"/>`));
    await fetch(app.url('/t'));
    expect(logged('categorised')).toMatchObject({ category: 'com.acme.orders' });
  });

  it('logs the payload when it has no message', async () => {
    app = await start(flow(`<set-payload value="#[{'marker': 'p-1234'}]"/><logger level="WARN"/>`));
    await fetch(app.url('/t'));
    const line = app.logs.find((l) => l.level === LEVEL.WARN && JSON.stringify(l).includes('p-1234'));
    expect(line).toBeDefined();
  });

  it('passes the event on unchanged', async () => {
    app = await start(
      flow(`<set-payload value="#[{'a': 1}]"/><set-variable variableName="v" value="x"/><logger message="#[payload.a]"/>
      <set-payload value="#[{'payload': payload, 'v': vars.v}]"/>`),
    );
    expect(await (await fetch(app.url('/t'))).json()).toEqual({ payload: { a: 1 }, v: 'x' });
  });

  it('logs once for each event that passes', async () => {
    app = await start(flow(`<logger message="once"/>`));
    await fetch(app.url('/t'));
    await fetch(app.url('/t'));
    expect(app.logs.filter((l) => l.msg === 'once')).toHaveLength(2);
  });
});
