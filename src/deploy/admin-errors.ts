import type { Context, Next } from 'koa';

/**
 * The admin API's answers nobody wrote a body for, as JSON errors with their status kept: no
 * route (404), a route without that method (405, the router's `Allow` kept: RFC 9110 §15.5.6), a
 * method no route has (501). Runs outermost, after the router has had its say.
 *
 * Koa turns a response whose body is set while its status is still the default 404 into a 200,
 * so the status is set again after the body (that was the "200 not_found" bug).
 */
export async function errorBodies(ctx: Context, next: Next): Promise<void> {
  await next();
  if (ctx.body !== undefined && ctx.body !== null) return;
  const status = ctx.status;
  if (status === 404) answer(ctx, 404, 'not_found', `no admin route ${ctx.method} ${ctx.path}`);
  else if (status === 405) answer(ctx, 405, 'method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('allow')}`);
  else if (status === 501) answer(ctx, 501, 'not_implemented', `the admin API has no ${ctx.method} routes`);
}

function answer(ctx: Context, status: number, error: string, description: string): void {
  ctx.body = { error, error_description: description };
  ctx.status = status;
}
