// One side of the benchmark in its own process, so its CPU time can be measured alone:
// prints its port, then answers 'start' / 'stop' messages with CPU microseconds used between them.
import { fileURLToPath } from 'node:url';
import { createLogger, loadApp, runApp } from '../dist/index.js';
import { startBaseline } from './baseline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
let port;
let stop;
if (process.argv[2] === 'flowrt') {
  const log = createLogger('silent');
  const loaded = await loadApp({ dir: `${here}app`, log, environment: {}, props: { 'upstream.port': process.argv[3] } });
  if (!loaded.app) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const running = await runApp(loaded.app, log);
  port = running.portOf('bench');
  stop = () => running.stop();
} else {
  const baseline = await startBaseline(Number(process.argv[3]));
  port = baseline.port;
  stop = baseline.stop;
}
let since;
process.on('message', async (message) => {
  if (message === 'start') since = process.cpuUsage();
  if (message === 'stop') {
    const used = process.cpuUsage(since);
    process.send(used.user + used.system);
  }
  if (message === 'exit') {
    await stop();
    process.exit(0);
  }
});
process.send({ port });
