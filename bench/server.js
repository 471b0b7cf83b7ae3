// One side of the benchmark in its own process, so its CPU time can be measured alone:
// prints its port, then answers 'start' / 'stop' messages with CPU microseconds used between them.
import { fileURLToPath } from 'node:url';
import { createLogger } from '../dist/index.js';
import { startRuntime } from '../dist/deploy/start-runtime.js';
import { startBaseline } from './baseline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
let port;
let stop;
if (process.argv[2] === 'flowrt') {
  const log = createLogger('silent');
  const started = await startRuntime({ dir: `${here}app`, log, environment: {}, props: { 'upstream.port': process.argv[3] } });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  port = started.runtime.running.portOf('bench');
  stop = () => started.runtime.stop();
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
