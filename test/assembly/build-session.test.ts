import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BuildSession } from '../../src/assembly/build-session.js';
import { parseXml } from '../../src/dsl/parse-xml.js';
import { buildGraph } from '../../src/graph/app-graph.js';
import { mule } from '../helpers/app.js';

function session(body = ''): BuildSession {
  const parsed = parseXml('app.xml', mule(body, { listener: false }));
  const { graph } = buildGraph([{ path: 'app.xml', root: parsed.root! }]);
  return new BuildSession({ name: 'shop', graph, property: () => undefined, readResource: () => undefined, log: pino({ level: 'silent' }) });
}

const release = async (): Promise<void> => {};

describe('build session', () => {
  it('records what an element registers to release under the element being built, nested or not', () => {
    const s = session();
    s.within('orders', () => {
      s.services.onStop(release);
      s.within('db-config', () => s.services.onStop(release));
      s.services.onStop(release);
    });
    s.services.onStop(release);
    const { app } = s.finish();
    expect(app?.releases.get('orders')).toHaveLength(2);
    expect(app?.releases.get('db-config')).toHaveLength(1);
    expect(app?.releases.get('')).toHaveLength(1);
  });

  it('keeps drains apart from releases, and a stopping app ends every drain before it releases anything', async () => {
    const s = session();
    const order: string[] = [];
    let finishWork = (): void => undefined;
    const work = new Promise<void>((resolve) => (finishWork = resolve));
    s.within('pool-config', () => s.services.onStop(async () => void order.push('pool closed')));
    s.within('orders', () =>
      s.services.onStop(async () => {
        await work;
        order.push('async drained');
      }, 'drain'),
    );
    const { app } = s.finish();
    expect(app?.drains.get('orders')).toHaveLength(1);
    expect(app?.releases.has('orders')).toBe(false);
    const stopped = app!.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    finishWork();
    await stopped;
    expect(order).toEqual(['async drained', 'pool closed']);
  });

  it('leaves the element being built as it was when a build throws', () => {
    const s = session();
    s.within('orders', () => {
      expect(() =>
        s.within('broken', () => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      s.services.onStop(release);
    });
    expect(s.finish().app?.releases.get('orders')).toHaveLength(1);
  });

  it('builds a global once however often it is referenced', () => {
    const s = session('<configuration defaultResponseTimeout="5000"/>');
    const el = s.graph.files[0]!.root.children.find((c) => c.key === 'configuration')!;
    const built = s.buildGlobal(el);
    expect(built).toMatchObject({ defaultResponseTimeout: 5000 });
    expect(s.buildGlobal(el)).toBe(built);
  });
});
