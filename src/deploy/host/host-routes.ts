import type Router from '@koa/router';
import type { Context } from 'koa';
import { BINARY_TYPES, rawBody } from '../admin-server.js';
import { jsonBody } from '../../gateway/json-body.js';
import { isValidName } from '../archive/manifest.js';
import { DEFAULT_LIMITS } from '../archive/read-archive.js';
import type { PromMetrics } from '../metrics.js';
import type { AppHost, DeployOutcome } from './app-host.js';
import { decodeProperties, PROPERTIES_HEADER, readProperties } from './app-properties.js';
import type { AppsFolder } from './apps-folder.js';

/** The largest archive an upload may be: the unpacked limit, which compression only makes smaller. */
const MAX_ARCHIVE = DEFAULT_LIMITS.maxBytes;

export type Readiness = 'starting' | 'ready' | 'draining';

/** Routes of a runtime that hosts apps: the apps, health for probes, metrics for Prometheus. */
export function hostRoutes(router: Router, host: AppHost, folder: AppsFolder, metrics: PromMetrics, readiness: () => Readiness): void {
  router.get('/apps', (ctx) => {
    ctx.body = { apps: host.list() };
  });
  router.get('/apps/:name', (ctx) => {
    const status = host.get(ctx.params.name!);
    if (!status) return problem(ctx, 404, 'not_found', `no app ${ctx.params.name}`);
    ctx.body = status;
  });
  router.put('/apps/:name', async (ctx) => {
    const name = ctx.params.name!;
    if (!isValidName(name)) return problem(ctx, 400, 'invalid_request', `"${name}" is not an app name: letters, digits, ".", "_" and "-", at most 64`);
    if (!ctx.is(...BINARY_TYPES)) {
      return problem(
        ctx,
        415,
        'unsupported_media_type',
        `send the archive flowrt package wrote as the body, with Content-Type ${BINARY_TYPES[0]} or ${BINARY_TYPES[2]}`,
      );
    }
    const header = ctx.get(PROPERTIES_HEADER);
    const given = header === '' ? undefined : decodeProperties(header);
    if (given && 'problem' in given) return problem(ctx, 400, 'invalid_request', given.problem);
    const archive = await rawBody(ctx.req, MAX_ARCHIVE);
    if (!archive) return problem(ctx, 413, 'payload_too_large', `an archive may be at most ${MAX_ARCHIVE / 1024 / 1024} MiB`);
    answer(ctx, await folder.deployUpload(name, archive, given?.properties));
  });
  // An app's deploy-time properties: their names (values may be secrets), and new ones, which redeploy it.
  router.get('/apps/:name/properties', (ctx) => {
    const properties = host.propertiesOf(ctx.params.name!);
    if (!properties && !host.get(ctx.params.name!)) return problem(ctx, 404, 'not_found', `no app ${ctx.params.name}`);
    ctx.body = { names: Object.keys(properties ?? {}).sort() };
  });
  router.put('/apps/:name/properties', jsonBody, async (ctx) => {
    const name = ctx.params.name!;
    if (!isValidName(name)) return problem(ctx, 400, 'invalid_request', `"${name}" is not an app name: letters, digits, ".", "_" and "-", at most 64`);
    const read = readProperties((ctx.request as { body?: unknown }).body);
    if ('problem' in read) return problem(ctx, 400, 'invalid_request', read.problem);
    const outcome = await folder.setProperties(name, read.properties);
    if (outcome) return answer(ctx, outcome);
    ctx.body = { name, names: Object.keys(read.properties).sort(), state: 'kept for the next deploy' };
  });
  router.delete('/apps/:name', async (ctx) => {
    if (!(await folder.remove(ctx.params.name!))) return problem(ctx, 404, 'not_found', `no app ${ctx.params.name}`);
    ctx.status = 204;
  });
  probeRoutes(router, metrics, readiness, () => ({ apps: host.list().map((a) => ({ name: a.name, state: a.state })) }));
}

/** `/health/live`, `/health/ready` (503 unless ready) and Prometheus `/metrics`: what every runtime's admin API serves. */
export function probeRoutes(router: Router, metrics: PromMetrics, readiness: () => Readiness, details: () => Record<string, unknown> = () => ({})): void {
  router.get('/health/live', (ctx) => {
    ctx.body = { status: 'live' };
  });
  router.get('/health/ready', (ctx) => {
    const state = readiness();
    ctx.status = state === 'ready' ? 200 : 503;
    ctx.body = { status: state, ...details() };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.text();
  });
}

const STATUS: Record<string, [number, string]> = {
  archive: [400, 'invalid_archive'],
  name: [409, 'name_mismatch'],
  invalid: [422, 'invalid_app'],
  start: [422, 'start_failed'],
};

function answer(ctx: Context, outcome: DeployOutcome): void {
  if (outcome.ok) {
    ctx.status = outcome.created ? 201 : 200;
    ctx.body = outcome.status;
    return;
  }
  const [status, error] = STATUS[outcome.failure]!;
  ctx.status = status;
  ctx.body = { error, error_description: outcome.message, problems: outcome.problems, app: outcome.status };
}

function problem(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.body = { error, error_description: description };
}
