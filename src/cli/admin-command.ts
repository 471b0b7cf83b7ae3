import { envSetting } from '../properties/environment.js';
import type { AdminRequest, Out } from './admin-client.js';
import { callAdmin, fail, reasonOf } from './admin-client.js';

/** Where the runtime's admin API is: `--to URL` (or FLOWRT_ADMIN_URL) and `--token` (or FLOWRT_ADMIN_TOKEN). */
export interface AdminTarget {
  readonly to?: string;
  readonly token?: string;
}

/**
 * One admin API call of a command that operates a running runtime: the JSON of a 2xx answer, or
 * undefined once the reason is on `err` (no URL or token, the runtime unreachable, or its refusal
 * with the status and its error_description).
 *
 * @example
 * const answer = await askAdmin<{ queues: Queue[] }>(options, { method: 'GET', path: 'queues' }, err);
 * if (!answer) return 1;
 */
export async function askAdmin<T>(target: AdminTarget, call: AdminRequest, err: Out): Promise<T | undefined> {
  const to = target.to ?? envSetting('FLOWRT_ADMIN_URL');
  if (!to) return void fail(err, "the runtime's admin API is needed: --to URL (e.g. http://127.0.0.1:9999) or FLOWRT_ADMIN_URL");
  const token = target.token ?? envSetting('FLOWRT_ADMIN_TOKEN');
  if (!token) return void fail(err, 'the admin token is needed: --token TOKEN or FLOWRT_ADMIN_TOKEN');
  const res = await callAdmin(to, token, call);
  if (typeof res === 'string') return void fail(err, res);
  if (res.status < 200 || res.status >= 300) return void fail(err, `${call.method} ${res.url.pathname} failed (HTTP ${res.status}): ${reasonOf(res)}`);
  return res.answer as T;
}

/** `?name=value&…` of the values given, or '' when none is. */
export function query(params: Readonly<Record<string, string | undefined>>): string {
  const given = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return given.length === 0 ? '' : `?${new URLSearchParams(given).toString()}`;
}
