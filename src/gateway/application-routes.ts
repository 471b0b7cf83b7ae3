import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import { formatLocation } from '../model/location.js';
import type { PolicyType } from '../policies/shared/policy.js';
import type { AdminGateway } from './commit.js';
import { APPLICATION_ERROR_STATUS, ApplicationError } from './application-error.js';
import { Applications } from './applications.js';
import { jsonBody } from './json-body.js';

/**
 * The admin routes of client applications and their contracts. A new application's secret is
 * in the answer to its creation and nowhere else (`Cache-Control: no-store`, as RFC 6749 §5.1
 * asks of answers carrying credentials); listings never show a secret or its hash.
 */
export function applicationRoutes(router: Router, gateway: AdminGateway, kinds: readonly PolicyType[], log: Logger): void {
  const apps = new Applications(gateway, kinds, log);
  router.get('/applications', (ctx) =>
    answer(ctx, async () => {
      ctx.body = { applications: await apps.list() };
    }),
  );
  router.get('/applications/:name', (ctx) =>
    answer(ctx, async () => {
      ctx.body = await apps.get(ctx.params.name!);
    }),
  );
  router.post('/applications', jsonBody, (ctx) =>
    answer(ctx, async () => {
      const body = object(ctx);
      const created = await apps.create({
        name: text(body, 'name', true)!,
        apiId: apiId(body),
        tier: text(body, 'tier'),
        description: text(body, 'description'),
      });
      ctx.status = 201;
      ctx.set('cache-control', 'no-store');
      ctx.body = created;
    }),
  );
  router.post('/applications/:name/contracts', jsonBody, (ctx) =>
    answer(ctx, async () => {
      const body = object(ctx);
      const { created, application } = await apps.addContract(ctx.params.name!, apiId(body), text(body, 'tier'));
      ctx.status = created ? 201 : 200;
      ctx.body = application;
    }),
  );
  router.delete('/applications/:name', (ctx) =>
    answer(ctx, async () => {
      await apps.delete(ctx.params.name!);
      ctx.status = 204;
    }),
  );
  router.delete('/applications/:name/contracts/:apiId', (ctx) =>
    answer(ctx, async () => {
      await apps.revokeContract(ctx.params.name!, ctx.params.apiId!);
      ctx.status = 204;
    }),
  );
}

async function answer(ctx: Context, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof ApplicationError)) throw e;
    ctx.status = APPLICATION_ERROR_STATUS[e.code];
    ctx.body =
      e.code === 'invalid_change'
        ? {
            error: e.code,
            error_description: e.message,
            problems: e.problems.map((d) => ({ message: d.message, at: d.loc ? formatLocation(d.loc) : undefined })),
          }
        : { error: e.code, error_description: e.message };
  }
}

const SHAPE = 'the body must be a JSON object: {"name", "apiId", "tier", "description"}';

function object(ctx: Context): Record<string, unknown> {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApplicationError('invalid_request', SHAPE);
  return body as Record<string, unknown>;
}

/** A string field: present and non-empty when required; at most 200 characters, no control characters. */
function text(body: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new ApplicationError('invalid_request', `${key} must be a non-empty string of at most 200 characters, without control characters`);
  }
  return value;
}

function apiId(body: Record<string, unknown>): string {
  const value = body.apiId;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return text(body, 'apiId', true)!;
}
