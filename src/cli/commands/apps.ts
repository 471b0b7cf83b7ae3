import { Agent, request } from 'undici';
import { envSetting } from '../../config/environment.js';

/** Where the runtime's admin API is: `--to URL` (or FLOWRT_ADMIN_URL) and `--token` (or FLOWRT_ADMIN_TOKEN). */
export interface AdminCliOptions {
  readonly to?: string;
  readonly token?: string;
}

export interface AppsCreateOptions extends AdminCliOptions {
  readonly name: string;
  readonly api: string;
  readonly tier?: string;
  readonly description?: string;
}

export interface AppsRevokeOptions extends AdminCliOptions {
  readonly name: string;
  /** Revoke only the contract with this API; without it the application is deleted. */
  readonly api?: string;
}

export interface AppsListOptions extends AdminCliOptions {
  readonly json?: boolean;
}

interface Contract {
  apiId: string;
  tier?: string;
  status: string;
}

interface Application {
  name: string;
  clientId: string;
  clientSecret?: string;
  clientProvider?: string;
  contracts: Contract[];
}

type Out = NodeJS.WritableStream;

/**
 * `flowrt apps create --name N --api ID [--tier T]`: a client application with a contract for the
 * API, on a running runtime. Prints the client id and, this once, the secret: the runtime keeps
 * only its hash (or, for a client registered at an IdP, nothing of it).
 */
export async function appsCreate(options: AppsCreateOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const body = { name: options.name, apiId: options.api, tier: options.tier, description: options.description };
  return admin(options, 'POST', 'applications', body, err, (app: Application) => {
    out.write(`created application ${app.name} with a contract for API ${options.api}${app.clientProvider ? ` (registered at client provider ${app.clientProvider})` : ''}\n`);
    out.write(`client_id:     ${app.clientId}\n`);
    if (app.clientSecret !== undefined) {
      out.write(`client_secret: ${app.clientSecret}\n`);
      err.write('warning: the client secret is shown only this once and cannot be retrieved again: store it now\n');
    }
  });
}

/** `flowrt apps list`: every application with its contracts; never a secret. */
export async function appsList(options: AppsListOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  return admin(options, 'GET', 'applications', undefined, err, ({ applications }: { applications: Application[] }) => {
    if (options.json) return void out.write(`${JSON.stringify(applications, null, 2)}\n`);
    if (applications.length === 0) return void out.write('no applications\n');
    for (const app of applications) {
      const contracts = app.contracts.map((c) => `${c.apiId}${c.tier ? `/${c.tier}` : ''}${c.status === 'approved' ? '' : ` (${c.status})`}`).join(', ') || 'no contracts';
      out.write(`${app.name}  ${app.clientId}${app.clientProvider ? `  @${app.clientProvider}` : ''}  ${contracts}\n`);
    }
  });
}

/** `flowrt apps revoke --name N [--api ID]`: revokes one contract, or deletes the application with all of them. */
export async function appsRevoke(options: AppsRevokeOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const name = encodeURIComponent(options.name);
  if (options.api !== undefined) {
    return admin(options, 'DELETE', `applications/${name}/contracts/${encodeURIComponent(options.api)}`, undefined, err, () => {
      out.write(`revoked the contract of ${options.name} with API ${options.api}\n`);
    });
  }
  return admin(options, 'DELETE', `applications/${name}`, undefined, err, () => {
    out.write(`deleted application ${options.name} and its contracts\n`);
  });
}

/** One admin API call: the answer to `done` when it is 2xx, else its reason on stderr and exit 1. */
async function admin<T>(options: AdminCliOptions, method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, err: Out, done: (answer: T) => void): Promise<number> {
  const to = options.to ?? envSetting('FLOWRT_ADMIN_URL');
  if (!to) return fail(err, "the runtime's admin API is needed: --to URL (e.g. http://127.0.0.1:9999) or FLOWRT_ADMIN_URL");
  const token = options.token ?? envSetting('FLOWRT_ADMIN_TOKEN');
  if (!token) return fail(err, 'the admin token is needed: --token TOKEN or FLOWRT_ADMIN_TOKEN');
  let url: URL;
  try {
    url = new URL(path, to.endsWith('/') ? to : `${to}/`);
  } catch {
    return fail(err, `--to ${to} is not a URL (expected e.g. http://127.0.0.1:9999)`);
  }
  const agent = new Agent({ connect: { timeout: 10_000 } });
  try {
    const res = await request(url, {
      method,
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) {
      done((text === '' ? {} : JSON.parse(text)) as T);
      return 0;
    }
    const answer = parse(text);
    const reason = typeof answer.error_description === 'string' ? answer.error_description : text.slice(0, 500) || `HTTP ${res.statusCode}`;
    err.write(`error: ${method} ${url.pathname} failed (HTTP ${res.statusCode}): ${reason}\n`);
    if (Array.isArray(answer.problems)) for (const p of answer.problems as Array<{ message?: string; at?: string }>) err.write(`${p.at ? `${p.at}: ` : ''}${p.message ?? ''}\n`);
    return 1;
  } catch (e) {
    return fail(err, `cannot reach ${url.origin}: ${(e as Error).message}`);
  } finally {
    await agent.close();
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function fail(err: Out, message: string): number {
  err.write(`error: ${message}\n`);
  return 1;
}
