import { envSetting } from '../../properties/environment.js';
import type { Out } from '../admin-client.js';
import { callAdmin, fail, reasonOf } from '../admin-client.js';

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

/**
 * `flowrt apps create --name N --api ID [--tier T]`: a client application with a contract for the
 * API, on a running runtime. Prints the client id and, this once, the secret: the runtime keeps
 * only its hash (or, for a client registered at an IdP, nothing of it).
 */
export async function appsCreate(options: AppsCreateOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const body = { name: options.name, apiId: options.api, tier: options.tier, description: options.description };
  return admin(options, 'POST', 'applications', body, err, (app: Application) => {
    out.write(
      `created application ${app.name} with a contract for API ${options.api}${app.clientProvider ? ` (registered at client provider ${app.clientProvider})` : ''}\n`,
    );
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
      const contracts =
        app.contracts.map((c) => `${c.apiId}${c.tier ? `/${c.tier}` : ''}${c.status === 'approved' ? '' : ` (${c.status})`}`).join(', ') || 'no contracts';
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
async function admin<T>(
  options: AdminCliOptions,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body: unknown,
  err: Out,
  done: (answer: T) => void,
): Promise<number> {
  const to = options.to ?? envSetting('FLOWRT_ADMIN_URL');
  if (!to) return fail(err, "the runtime's admin API is needed: --to URL (e.g. http://127.0.0.1:9999) or FLOWRT_ADMIN_URL");
  const token = options.token ?? envSetting('FLOWRT_ADMIN_TOKEN');
  if (!token) return fail(err, 'the admin token is needed: --token TOKEN or FLOWRT_ADMIN_TOKEN');
  const res = await callAdmin(to, token, { method, path, ...(body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : {}) });
  if (typeof res === 'string') return fail(err, res);
  if (res.status >= 200 && res.status < 300) {
    done((res.text === '' ? {} : JSON.parse(res.text)) as T);
    return 0;
  }
  err.write(`error: ${method} ${res.url.pathname} failed (HTTP ${res.status}): ${reasonOf(res)}\n`);
  if (Array.isArray(res.answer.problems))
    for (const p of res.answer.problems as Array<{ message?: string; at?: string }>) err.write(`${p.at ? `${p.at}: ` : ''}${p.message ?? ''}\n`);
  return 1;
}
