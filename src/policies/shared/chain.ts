import type { ResponseSpec } from '../../http/response.js';
import type { Next, Policy, PolicyContext } from './policy.js';

/** A policy as applied to an API: where it applies (its pointcut) and the instance. */
export interface AppliedPolicy {
  readonly name: string;
  readonly policy: Policy;
  /** Undefined: everywhere. */
  readonly applies?: (ctx: PolicyContext) => boolean;
}

/**
 * The onion of an API's policies: each runs on the request in order and sees the response in
 * reverse; one that answers itself stops the rest, and the flow never runs. A policy calling
 * `next` twice is a bug, refused as koa-compose refuses it.
 */
export function compose(policies: readonly AppliedPolicy[]): (ctx: PolicyContext, final: Next) => Promise<ResponseSpec> {
  return (ctx, final) => {
    let last = -1;
    const dispatch = (i: number): Promise<ResponseSpec> => {
      if (i <= last) return Promise.reject(new Error(`policy "${policies[i - 1]?.name}" called next() twice`));
      last = i;
      if (i === policies.length) return final();
      const p = policies[i]!;
      if (p.applies && !p.applies(ctx)) return dispatch(i + 1);
      return p.policy.handle(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}

/** A pointcut entry as API Manager's resource-level policies: both regexes must match the whole value. */
export function pointcut(entries: ReadonlyArray<{ methodRegex?: string; uriTemplateRegex?: string }>): (ctx: PolicyContext) => boolean {
  const compiled = entries.map((e) => ({
    method: e.methodRegex === undefined ? undefined : new RegExp(`^(?:${e.methodRegex})$`),
    uri: e.uriTemplateRegex === undefined ? undefined : new RegExp(`^(?:${e.uriTemplateRegex})$`),
  }));
  return (ctx) => compiled.some((c) => (!c.method || c.method.test(ctx.request.method)) && (!c.uri || c.uri.test(ctx.request.resourcePath)));
}
