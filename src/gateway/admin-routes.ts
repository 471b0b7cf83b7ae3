import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Diagnostic } from '../errors/diagnostic.js';
import { formatLocation } from '../model/location.js';
import type { PolicyType } from '../policies/shared/policy.js';
import { ManagerEdit } from './edit-manager.js';
import type { PolicySpec } from './manager-doc.js';
import type { AdminGateway } from './commit.js';
import { commit, serialized } from './commit.js';
import { jsonBody } from './json-body.js';

export type { AdminGateway } from './commit.js';

/**
 * The API manager's admin routes: list APIs with their policies and state; apply, change or
 * remove a policy; add or remove an API. A change is checked exactly as a file edit is, and
 * refused (400, with the problems) without touching anything when it would not build; accepted
 * changes are written to the document, so the file and the runtime never disagree.
 */
export function adminRoutes(router: Router, gateway: AdminGateway, kinds: readonly PolicyType[]): void {
  router.get('/apis', (ctx) => {
    ctx.body = { apis: gateway.manager.describe() };
  });
  router.get('/apis/:apiId', (ctx) => {
    const api = gateway.manager.describe().find((a) => a.apiId === ctx.params.apiId);
    if (!api) return notFound(ctx, `no API ${ctx.params.apiId}`);
    ctx.body = api;
  });
  router.put('/apis/:apiId', async (ctx) => {
    await change(ctx, gateway, kinds, (edit) => (edit.putApi(ctx.params.apiId!) ? 201 : 200));
  });
  router.delete('/apis/:apiId', async (ctx) => {
    await change(ctx, gateway, kinds, (edit) => (edit.deleteApi(ctx.params.apiId!) ? 204 : 404));
  });
  router.put('/apis/:apiId/policies/:name', jsonBody, async (ctx) => {
    const body = (ctx.request as { body?: unknown }).body as Partial<PolicySpec> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return badRequest(ctx, 'the body must be a JSON object: {"id", "config", "order", "pointcut"}');
    const policy: PolicySpec = { ...body, id: body.id ?? ctx.params.name! };
    await change(ctx, gateway, kinds, (edit) => (edit.putPolicy(ctx.params.apiId!, ctx.params.name!, policy) === 'created' ? 201 : 200));
  });
  router.delete('/apis/:apiId/policies/:name', async (ctx) => {
    await change(ctx, gateway, kinds, (edit) => (edit.deletePolicy(ctx.params.apiId!, ctx.params.name!) ? 204 : 404));
  });
}

async function change(ctx: Context, gateway: AdminGateway, kinds: readonly PolicyType[], apply: (edit: ManagerEdit) => number): Promise<void> {
  await serialized(gateway, async () => {
    const edit = new ManagerEdit(await gateway.store.read());
    const status = apply(edit);
    if (status === 404) return notFound(ctx, 'nothing to remove');
    const outcome = await commit(gateway, kinds, edit.toString());
    if ('problems' in outcome) return refused(ctx, outcome.problems);
    ctx.status = status;
    ctx.body = status === 204 ? null : { apis: gateway.manager.describe() };
  });
}

function refused(ctx: Context, problems: readonly Diagnostic[]): void {
  ctx.status = 400;
  ctx.body = { error: 'invalid_change', problems: problems.map((d) => ({ message: d.message, at: d.loc ? formatLocation(d.loc) : undefined })) };
}

function badRequest(ctx: Context, message: string): void {
  ctx.status = 400;
  ctx.body = { error: 'invalid_request', error_description: message };
}

function notFound(ctx: Context, message: string): void {
  ctx.status = 404;
  ctx.body = { error: 'not_found', error_description: message };
}
