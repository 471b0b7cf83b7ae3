#!/usr/bin/env node
import { Command } from 'commander';
import type { AppsCreateOptions, AppsListOptions, AppsRevokeOptions } from './commands/apps.js';
import type { DeployCliOptions } from './commands/deploy.js';
import type { DlqOptions } from './commands/dlq.js';
import type { PackageOptions } from './commands/package.js';
import type { RuntimeCliOptions } from './commands/runtime.js';
import type { ScheduleAction, SchedulesOptions } from './commands/schedules.js';
import type { SecurePropertiesOptions } from './commands/secure-properties.js';
import type { AppOptions } from './options.js';
import { ownVersion } from '../util/own-version.js';
import { collectProp } from './options.js';

const version = ownVersion();

// Each command's module is imported when it runs: `flowrt --help` or an admin call loads no runtime.
const program = new Command().name('flowrt').description('Run Mule 4 XML flows: a declarative integration runtime.').version(version);

const appOptions = (cmd: Command): Command =>
  cmd
    .option('--prop <key=value>', 'set a property (repeatable; wins over config files)', collectProp, {})
    .option('--env <name>', 'environment: reads config/<name>.yaml and sets ${env}');

const runOptions = (cmd: Command): Command =>
  appOptions(cmd)
    .argument('[app-dir]', 'app folder (holds flows/)', '.')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default info, or FLOWRT_LOG_LEVEL)')
    .option('--manager <file>', "the API manager document (default: the app's api-manager.yaml)")
    .option('--admin-port <port>', 'serve the admin API on 127.0.0.1:<port>')
    .option('--admin-token <token>', 'bearer token the admin API requires (or FLOWRT_ADMIN_TOKEN)')
    .option(
      '--redis <url>',
      'keep stores, VM queues and schedules on Redis, shared by the runtimes of the app, e.g. redis://127.0.0.1:6379 (or FLOWRT_REDIS_URL)',
    );

runOptions(program.command('start').description('run an app on embedded defaults')).action(async (dir: string, options: AppOptions) => {
  // Exit explicitly: after a drain, nothing the app left behind may keep the process alive.
  process.exit(await (await import('./commands/start.js')).start(dir, options));
});

runOptions(program.command('dev').description('run an app and reload it on every change to its folder')).action(async (dir: string, options: AppOptions) => {
  process.exit(await (await import('./commands/dev.js')).dev(dir, options));
});

appOptions(
  program
    .command('validate')
    .description('check an app and its API manager document; report every problem as path:line:col')
    .argument('[app-dir]', 'app folder (holds flows/)', '.')
    .option('--manager <file>', "the API manager document (default: the app's api-manager.yaml)"),
).action(async (dir: string, options: AppOptions) => {
  process.exitCode = await (await import('./commands/validate.js')).validate(dir, options);
});

appOptions(
  program
    .command('package')
    .description('validate an app and write it as a .tgz archive to deploy')
    .argument('[app-dir]', 'app folder (holds flows/)', '.')
    .option('-o, --out <file>', 'archive to write (default: <name>-<version>.tgz)'),
).action(async (dir: string, options: PackageOptions) => {
  process.exitCode = await (await import('./commands/package.js')).packageApp(dir, options);
});

program
  .command('hash-password')
  .description("read a password (from the terminal without echo, or stdin) and print the scrypt hash an OAuth provider's users file keeps")
  .action(async () => {
    process.exitCode = await (await import('./commands/hash-password.js')).hashPasswordCommand();
  });

const secure = program
  .command('secure-properties')
  .description("encrypt or decrypt values for <secure-properties:config>, as Mule's Secure Properties Tool does");
for (const action of ['encrypt', 'decrypt'] as const) {
  secure
    .command(action)
    .description(`${action} a value (printed), or with --file/--file-level a .yaml or .properties file`)
    .argument('[value]', 'the value; without it, stdin')
    .option('-k, --key <key>', 'the key (AES: 16, 24 or 32 bytes; Blowfish: 1 to 56)')
    .option('--key-env <name>', 'read the key from this environment variable instead')
    .option('-a, --algorithm <name>', 'AES or Blowfish', 'AES')
    .option('-m, --mode <mode>', 'CBC, CFB, ECB or OFB', 'CBC')
    .option('--use-random-iv', 'a random IV in front of each value (useRandomIVs="true")')
    .option('--file <input>', `${action} every value of the file (the tool's file mode)`)
    .option('--file-level <input>', `${action} the whole file (fileLevelEncryption="true")`)
    .option('-o, --out <file>', 'the file --file or --file-level writes')
    .action(async (value: string | undefined, options: SecurePropertiesOptions) => {
      process.exitCode = await (await import('./commands/secure-properties.js')).secureProperties(action, value, options);
    });
}

appOptions(
  program
    .command('runtime')
    .description('host app archives from a folder: deploy, redeploy and undeploy as it changes')
    .requiredOption('--apps <dir>', 'the apps folder: every *.tgz in it is deployed')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default info, or FLOWRT_LOG_LEVEL)')
    .option('--admin-port <port>', 'serve the admin API on 127.0.0.1:<port>')
    .option('--admin-token <token>', 'bearer token the admin API requires (or FLOWRT_ADMIN_TOKEN)')
    .option('--redis <url>', 'keep stores, VM queues and schedules on Redis, for every app (or FLOWRT_REDIS_URL)'),
).action(async (options: RuntimeCliOptions) => {
  process.exit(await (await import('./commands/runtime.js')).runtime(options));
});

program
  .command('deploy')
  .description("upload an app archive to a runtime's admin API and report the outcome")
  .argument('<file>', 'the archive flowrt package wrote')
  .requiredOption('--to <url>', 'the admin API, e.g. http://127.0.0.1:9999')
  .option('--token <token>', 'the admin bearer token (or FLOWRT_ADMIN_TOKEN)')
  .option('--timeout <seconds>', 'how long to wait for the runtime to deploy', '120')
  .option('--prop <key=value>', "a property of this app (repeatable): over the runtime's, kept with the deployment", collectProp, {})
  .action(async (file: string, options: DeployCliOptions) => {
    process.exitCode = await (await import('./commands/deploy.js')).deploy(file, options);
  });

const adminClient = (cmd: Command): Command =>
  cmd
    .option('--to <url>', 'the runtime admin API, e.g. http://127.0.0.1:9999 (or FLOWRT_ADMIN_URL)')
    .option('--token <token>', 'the admin bearer token (or FLOWRT_ADMIN_TOKEN)');
const apps = program.command('apps').description("client applications and their contracts with APIs, on a running runtime's admin API");
adminClient(
  apps
    .command('create')
    .description('create an application with a contract for an API; prints its client id and, once, its secret')
    .requiredOption('--name <name>', 'the application')
    .requiredOption('--api <apiId>', 'the API it gets a contract for')
    .option('--tier <tier>', 'the contract tier')
    .option('--description <text>', 'what the application is'),
).action(async (options: AppsCreateOptions) => {
  process.exitCode = await (await import('./commands/apps.js')).appsCreate(options);
});
adminClient(apps.command('list').description('list applications and their contracts (never a secret)').option('--json', 'print JSON')).action(
  async (options: AppsListOptions) => {
    process.exitCode = await (await import('./commands/apps.js')).appsList(options);
  },
);
adminClient(
  apps
    .command('revoke')
    .description("revoke an application's contract with an API, or without --api delete the application")
    .requiredOption('--name <name>', 'the application')
    .option('--api <apiId>', 'revoke only the contract with this API'),
).action(async (options: AppsRevokeOptions) => {
  process.exitCode = await (await import('./commands/apps.js')).appsRevoke(options);
});

const dlq = program.command('dlq').description("dead letters of a running runtime's VM queues: list, replay, purge");
const queueOptions = (cmd: Command): Command =>
  adminClient(cmd.option('--app <app>', 'the app whose queue it is, when several apps have a queue of that name'));
queueOptions(
  dlq
    .command('list')
    .description('without QUEUE, every queue with its counts; with it, its dead letters')
    .argument('[queue]', 'the VM queue, or app/queue')
    .option('--limit <n>', 'at most this many dead letters (default 100, at most 500)')
    .option('--json', 'print JSON'),
).action(async (queue: string | undefined, options: DlqOptions) => {
  const { dlqList } = await import('./commands/dlq.js');
  process.exitCode = await dlqList(queue, options);
});
queueOptions(
  dlq
    .command('replay')
    .description("put the queue's dead letters (all, or --ids) back on it for a new round of attempts")
    .argument('<queue>', 'the VM queue, or app/queue')
    .option('--ids <ids>', 'only these dead letters, comma-separated'),
).action(async (queue: string, options: DlqOptions) => {
  const { dlqReplay } = await import('./commands/dlq.js');
  process.exitCode = await dlqReplay(queue, options);
});
queueOptions(
  dlq
    .command('purge')
    .description("delete the queue's dead letters (all, or --ids)")
    .argument('<queue>', 'the VM queue, or app/queue')
    .option('--ids <ids>', 'only these dead letters, comma-separated'),
).action(async (queue: string, options: DlqOptions) => {
  const { dlqPurge } = await import('./commands/dlq.js');
  process.exitCode = await dlqPurge(queue, options);
});

const schedules = program.command('schedules').description("a running runtime's schedulers: list, trigger, pause, resume");
const scheduleOptions = (cmd: Command): Command =>
  adminClient(cmd.option('--app <app>', 'the app whose flow it is, when several apps have a flow of that name'));
scheduleOptions(
  schedules
    .command('list')
    .description('every scheduler (or NAME) with whether it ticks and when next')
    .argument('[name]', 'the flow, or app/flow')
    .option('--json', 'print JSON'),
).action(async (name: string | undefined, options: SchedulesOptions) => {
  const { schedulesList } = await import('./commands/schedules.js');
  process.exitCode = await schedulesList(name, options);
});
const ACTIONS: ReadonlyArray<[ScheduleAction, string]> = [
  ['trigger', 'fire a tick now, outside the schedule (one runtime of the cluster runs it)'],
  ['pause', 'stop the schedule ticking, on every runtime, until resumed'],
  ['resume', 'start a paused schedule ticking again'],
];
for (const [action, description] of ACTIONS) {
  scheduleOptions(schedules.command(action).description(description).argument('<name>', 'the flow, or app/flow')).action(
    async (name: string, options: SchedulesOptions) => {
      const { scheduleAction } = await import('./commands/schedules.js');
      process.exitCode = await scheduleAction(action, name, options);
    },
  );
}

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
  process.exit(1);
});
