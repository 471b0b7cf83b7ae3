// Runs an app folder in its own process for the noisy-neighbour scenario: prints the port of its
// listener config, exits on 'exit'.
import { createLogger } from '../dist/index.js';
import { startRuntime } from '../dist/deploy/start-runtime.js';

const [dir, config, ...props] = process.argv.slice(2);
const started = await startRuntime({
  dir,
  log: createLogger('silent'),
  environment: {},
  props: Object.fromEntries(props.map((p) => p.split('='))),
});
if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
process.on('message', async (message) => {
  if (message === 'exit') {
    await started.runtime.stop();
    process.exit(0);
  }
});
process.send({ port: started.runtime.running.portOf(config) });
