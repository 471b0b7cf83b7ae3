// The same work as the flowrt scenarios, hand-written in Koa + @koa/router + jose + JSONata,
// with expressions compiled once: the yardstick flowrt is measured against.
import Router from '@koa/router';
import jsonata from 'jsonata';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import Koa from 'koa';
import { Agent } from 'undici';

/** The secured transform's mapping, the same text as bench/app/flows/secured.xml. */
const SECURED_MAPPING = `{
  "order": payload.id,
  "customer": vars.claimSet.sub,
  "lines": payload.lines.{ "sku": sku, "qty": qty, "amount": qty * price },
  "units": $sum(payload.lines.qty),
  "total": $sum(payload.lines.(qty * price)),
  "bulky": payload.lines[qty >= 5].sku
}`;

async function jsonBody(ctx) {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  try {
    return { ok: true, payload: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    ctx.status = 400;
    ctx.body = 'invalid JSON';
    return { ok: false };
  }
}

export async function startBaseline(upstreamPort, jwksPort) {
  const app = new Koa();
  const router = new Router();
  const pool = new Agent({ keepAliveTimeout: 30_000 });
  const shape = jsonata("{'sku': payload.sku, 'inStock': payload.quantity > 0}");
  router.get('/api/stock/:sku', async (ctx) => {
    const res = await pool.request({ origin: `http://127.0.0.1:${upstreamPort}`, path: `/stock/${encodeURIComponent(ctx.params.sku)}`, method: 'GET' });
    const payload = await res.body.json();
    ctx.body = await shape.evaluate({ payload });
  });
  const who = jsonata("$default(attributes.queryParams.name, 'world')");
  who.registerFunction('default', (v, f) => (v === undefined || v === null ? f : v));
  const greet = jsonata('{ "message": "Hello, " & vars.who & "!", "correlationId": correlationId }');
  router.get('/api/hello', async (ctx) => {
    const input = { attributes: { queryParams: { ...ctx.query } }, correlationId: crypto.randomUUID() };
    const name = await who.evaluate(input);
    ctx.body = await greet.evaluate({ ...input, vars: { who: name } });
  });

  const secret = new TextEncoder().encode('bench-secret-bench-secret-bench-secret');
  const claims = jsonata("{'user': vars.claimSet.sub, 'scope': vars.claimSet.scope}");
  router.get('/api/secure', async (ctx) => {
    const token = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1];
    if (!token) {
      ctx.status = 401;
      return;
    }
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp'] });
      ctx.body = await claims.evaluate({ vars: { claimSet: payload } });
    } catch {
      ctx.status = 401;
    }
  });

  const isBig = jsonata('payload.total > 100');
  const order = jsonata('{ "id": payload.id, "lines": $count(payload.lines), "total": $sum(payload.lines.(qty * price)), "tier": vars.tier }');
  // The DataWeave scenario's flow does the same work; its yardstick is this same hand-written JSONata.
  router.post(['/api/orders', '/api/orders-dw'], async (ctx) => {
    const { ok, payload } = await jsonBody(ctx);
    if (!ok) return;
    const input = { payload, vars: {} };
    const tier = (await isBig.evaluate(input)) === true ? 'big' : 'small';
    ctx.body = await order.evaluate({ payload, vars: { tier } });
  });

  // RS256 with the keys of the IdP's JWKS endpoint (jose caches them), then the mapping.
  const jwks = createRemoteJWKSet(new URL(`http://127.0.0.1:${jwksPort}/jwks`));
  const mapping = jsonata(SECURED_MAPPING);
  router.post('/api/secured/orders', async (ctx) => {
    const token = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1];
    if (!token) {
      ctx.status = 401;
      return;
    }
    let claimSet;
    try {
      claimSet = (await jwtVerify(token, jwks, { algorithms: ['RS256'], requiredClaims: ['exp'] })).payload;
    } catch {
      ctx.status = 401;
      return;
    }
    const { ok, payload } = await jsonBody(ctx);
    if (!ok) return;
    ctx.body = await mapping.evaluate({ payload, vars: { claimSet } });
  });
  app.use(router.routes());
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { port: server.address().port, stop: () => new Promise((r) => server.close(r)) };
}
