import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { BigBodyServer } from '../helpers/big-body.js';
import { bigBodyServer, EARLY_CLOSE_BOUND } from '../helpers/big-body.js';
import type { Upstream } from '../helpers/upstream.js';
import { json, upstream } from '../helpers/upstream.js';

let app: TestApp | undefined;
const upstreams: Array<Upstream | BigBodyServer> = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

/** An authorization server issuing tok-1, tok-2 … (client "c1"/"s1"), each valid `lifetime` seconds. */
async function authorizationServer(lifetime?: number, { delayMs = 0 } = {}): Promise<Upstream & { issued: string[] }> {
  const issued: string[] = [];
  const u = await upstream((req, res) => {
    const form = new URLSearchParams(req.body);
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString() : undefined;
    const [id, secret] = basic ? basic.split(':') : [form.get('client_id'), form.get('client_secret')];
    if (form.get('grant_type') !== 'client_credentials' || id !== 'c1' || secret !== 's1')
      return json(res, 401, { error: 'invalid_client', error_description: 'bad credentials' });
    const token = `tok-${issued.length + 1}`;
    issued.push(token);
    setTimeout(() => json(res, 200, { access_token: token, token_type: 'Bearer', ...(lifetime ? { expires_in: lifetime } : {}) }), delayMs);
  });
  upstreams.push(u);
  return Object.assign(u, { issued });
}

/** A protected API accepting only the tokens `valid()` returns. */
async function api(valid: () => string[]): Promise<Upstream> {
  const u = await upstream((req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !valid().includes(token)) return json(res, 401, { error: 'invalid_token' });
    json(res, 200, { token });
  });
  upstreams.push(u);
  return u;
}

function app_(apiPort: number, tokenUrl: string, grant = '', inner = ''): string {
  return mule(`<http:request-config name="api"><http:request-connection host="127.0.0.1" port="${apiPort}">
      <http:authentication><oauth:client-credentials-grant-type clientId="c1" clientSecret="s1" tokenUrl="${tokenUrl}" ${grant}>${inner}</oauth:client-credentials-grant-type></http:authentication>
    </http:request-connection></http:request-config>
    <flow name="main"><http:listener config-ref="listener" path="/t">
      <http:error-response><http:body>#[{'type': error.errorType.namespace &amp; ':' &amp; error.errorType.identifier, 'description': error.description}]</http:body></http:error-response>
    </http:listener><http:request config-ref="api" path="/data"/></flow>`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own shapes
const get = async (): Promise<any> => (await fetch(app!.url('/t'))).json();

describe('http:request with OAuth 2.0 client credentials', () => {
  it('fetches a token with HTTP Basic client authentication and sends it as a bearer token', async () => {
    const as = await authorizationServer(3600);
    const protectedApi = await api(() => as.issued);
    app = await start(app_(protectedApi.port, `${as.base}/oauth/token`, 'scopes="read write"'));
    expect(await get()).toEqual({ token: 'tok-1' });
    const tokenCall = as.received[0]!;
    expect(tokenCall.method).toBe('POST');
    expect(tokenCall.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenCall.body))).toEqual({ grant_type: 'client_credentials', scope: 'read write' });
  });

  it('sends the credentials in the body when encodeClientCredentialsInBody, with custom parameters', async () => {
    const as = await authorizationServer(3600);
    const protectedApi = await api(() => as.issued);
    const audience = '<oauth:custom-parameters><oauth:custom-parameter paramName="audience" value="https://api.example"/></oauth:custom-parameters>';
    app = await start(app_(protectedApi.port, `${as.base}/token`, 'encodeClientCredentialsInBody="true"', audience));
    expect(await get()).toEqual({ token: 'tok-1' });
    expect(as.received[0]!.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(as.received[0]!.body))).toMatchObject({
      client_id: 'c1',
      client_secret: 's1',
      audience: 'https://api.example',
    });
  });

  it('reuses the token while it is valid, and makes one token call for many concurrent requests', async () => {
    const as = await authorizationServer(3600, { delayMs: 100 });
    const protectedApi = await api(() => as.issued);
    app = await start(app_(protectedApi.port, `${as.base}/token`));
    const answers = await Promise.all(Array.from({ length: 20 }, get));
    expect(answers.every((a) => a.token === 'tok-1')).toBe(true);
    await get();
    expect(as.issued).toEqual(['tok-1']);
  });

  it('fetches a new token shortly before the old one expires', async () => {
    const as = await authorizationServer(1);
    const protectedApi = await api(() => as.issued);
    app = await start(app_(protectedApi.port, `${as.base}/token`));
    expect(await get()).toEqual({ token: 'tok-1' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await get()).toEqual({ token: 'tok-2' });
  });

  it('fetches a new token and retries once when the API answers 401', async () => {
    const as = await authorizationServer(3600);
    let revoked = false;
    const protectedApi = await api(() => (revoked ? as.issued.slice(1) : as.issued));
    app = await start(app_(protectedApi.port, `${as.base}/token`));
    expect(await get()).toEqual({ token: 'tok-1' });
    revoked = true;
    expect(await get()).toEqual({ token: 'tok-2' });
    expect(protectedApi.received.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('raises HTTP:UNAUTHORIZED when a fresh token is refused too, after one retry', async () => {
    const as = await authorizationServer(3600);
    const protectedApi = await api(() => []);
    app = await start(app_(protectedApi.port, `${as.base}/token`));
    expect((await get()).type).toBe('HTTP:UNAUTHORIZED');
    expect(protectedApi.received).toHaveLength(2);
  });

  it('raises OAUTH:TOKEN_URL_FAIL (an HTTP:CLIENT_SECURITY) when the token call is refused', async () => {
    const as = await authorizationServer(3600);
    const protectedApi = await api(() => as.issued);
    app = await start(
      app_(protectedApi.port, `${as.base}/token`)
        .replace('clientSecret="s1"', 'clientSecret="wrong"')
        .replace(
          '<http:request config-ref="api" path="/data"/></flow>',
          `<http:request config-ref="api" path="/data"/>
        <error-handler><on-error-continue type="HTTP:CLIENT_SECURITY"><set-payload value="#[{'type': error.errorType.identifier, 'description': error.description}]"/></on-error-continue></error-handler></flow>`,
        ),
    );
    const body = await get();
    expect(body.type).toBe('TOKEN_URL_FAIL');
    expect(body.description).toContain('invalid_client: bad credentials');
    expect(protectedApi.received).toHaveLength(0);
  });

  it('raises OAUTH:TOKEN_NOT_FOUND when the answer has no access token where responseAccessToken looks', async () => {
    const as = await authorizationServer(3600);
    const protectedApi = await api(() => as.issued);
    app = await start(app_(protectedApi.port, `${as.base}/token`, 'responseAccessToken="#[payload.token]"'));
    expect((await get()).type).toBe('OAUTH:TOKEN_NOT_FOUND');
  });

  it('raises OAUTH:TOKEN_URL_FAIL for a token answer over 256 KiB, cut off early, and the API is never called', async () => {
    const tokenServer = await bigBodyServer(64 * 1024 * 1024, { declareLength: false });
    upstreams.push(tokenServer);
    const protectedApi = await api(() => []);
    app = await start(app_(protectedApi.port, `${tokenServer.origin}/token`));
    const body = await get();
    expect(body.type).toBe('OAUTH:TOKEN_URL_FAIL');
    expect(body.description).toContain('response body larger than 262144 bytes');
    const streamed = await tokenServer.streams[0]!;
    expect(streamed.finished).toBe(false);
    expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
    expect(protectedApi.received).toHaveLength(0);
  });
});
