import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Gate } from '../../../src/policies/shared/policy.js';
import { execContext } from '../../../src/runtime/processor.js';
import { ListenerPolicyContext, withHeaderChanges } from '../../../src/sources/http-listener/policy-pass.js';
import type { InboundRequest } from '../../../src/sources/http-listener/receive.js';

const attributes = {
  requestPath: '/api/orders/7',
  relativePath: '/orders/7',
  headers: { authorization: 'Bearer t', 'x-tenant': 'acme' },
  remoteAddress: '10.0.0.1',
};
const inbound = { correlationId: 'c-1', attributes, exec: execContext(pino({ level: 'silent' }), 'c-1', new Map()) } as unknown as InboundRequest;
const gate = (compat: boolean): Gate => ({ run: async (_api, _ctx, final) => final(), compatFor: () => compat });

describe('listener stage: the policy pass', () => {
  it('shows policies the routed method and the path their pointcuts match', () => {
    const full = new ListenerPolicyContext({ apiId: 'orders', flowRef: 'f', ignoreBasePath: false }, 'GET', inbound, gate(false));
    const below = new ListenerPolicyContext({ apiId: 'orders', flowRef: 'f', ignoreBasePath: true }, 'GET', inbound, gate(true));
    expect(full.request).toMatchObject({ method: 'GET', path: '/api/orders/7', resourcePath: '/api/orders/7', remoteAddress: '10.0.0.1' });
    expect(below.request.resourcePath).toBe('/orders/7');
    expect([full.anypointCompat, below.anypointCompat]).toEqual([false, true]);
  });

  it('has no body inspectors until a policy adds one', () => {
    const ctx = new ListenerPolicyContext({ apiId: 'orders', flowRef: 'f', ignoreBasePath: false }, 'POST', inbound, undefined);
    expect(ctx.inspectors).toBeUndefined();
    const inspector = { write: () => {}, end: () => {} };
    ctx.inspectBody(inspector);
    expect(ctx.inspectors).toEqual([inspector]);
  });

  it('gives expressions one event of the request, with the variables policies set before asking', () => {
    const ctx = new ListenerPolicyContext({ apiId: 'orders', flowRef: 'f', ignoreBasePath: false }, 'GET', inbound, undefined);
    ctx.vars.claimSet = { sub: 'ann' };
    const event = ctx.event();
    expect(ctx.event()).toBe(event);
    expect(event.message).toMatchObject({ payload: null, attributes });
    expect(event.vars).toEqual({ claimSet: { sub: 'ann' } });
    expect(event.correlationId).toBe('c-1');
  });

  it('leaves the attributes alone when policies changed no header', () => {
    expect(withHeaderChanges(attributes, {}, new Set())).toBe(attributes);
    expect(withHeaderChanges(attributes, undefined, undefined)).toBe(attributes);
  });

  it('removes headers before adding, so a header removed and added again is the added one', () => {
    const seen = withHeaderChanges(attributes, { 'x-tenant': 'beta', 'x-user': 'ann' }, new Set(['authorization', 'x-tenant']));
    expect(seen.headers).toEqual({ 'x-tenant': 'beta', 'x-user': 'ann' });
    expect(attributes.headers).toEqual({ authorization: 'Bearer t', 'x-tenant': 'acme' });
  });
});
