import { readFile } from 'node:fs/promises';
import { envSetting } from '../../properties/environment.js';
import { ArchiveError } from '../../deploy/archive/archive-error.js';
import { readManifest } from '../../deploy/archive/unpack.js';
import { encodeProperties, PROPERTIES_HEADER } from '../../deploy/host/app-properties.js';
import { callAdmin, fail, reasonOf } from '../admin-client.js';

export interface DeployCliOptions {
  readonly to: string;
  readonly token?: string;
  /** Seconds to wait for the runtime to answer (a deploy validates and starts the app). */
  readonly timeout?: string;
  /** `--prop k=v`: the app's own properties, sent with the archive and kept with the deployment. */
  readonly prop?: Readonly<Record<string, string>>;
}

/**
 * `flowrt deploy FILE --to URL --token T [--prop k=v …]`: uploads an archive to a runtime's admin
 * API (`PUT /apps/{name}`, the properties in its Flowrt-Properties header) and reports what the
 * runtime did. Exit 0 only when the app serves the
 * uploaded version; otherwise 1, with the runtime's reason and problems on stderr.
 */
export async function deploy(
  file: string,
  options: DeployCliOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const token = options.token ?? envSetting('FLOWRT_ADMIN_TOKEN');
  if (!token) return fail(err, 'deploy needs the runtime admin token: --token TOKEN or FLOWRT_ADMIN_TOKEN');
  let archive: Buffer;
  let name: string;
  let version: string;
  try {
    archive = await readFile(file);
    ({ name, version } = await readManifest(archive));
  } catch (e) {
    const why = e instanceof ArchiveError ? e.message : (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return fail(err, `${file}: ${why}`);
  }
  const props = options.prop ?? {};
  const res = await callAdmin(options.to, token, {
    method: 'PUT',
    path: `apps/${encodeURIComponent(name)}`,
    body: archive,
    contentType: 'application/gzip',
    timeoutMs: Number(options.timeout ?? 120) * 1000,
    headers: Object.keys(props).length > 0 ? { [PROPERTIES_HEADER]: encodeProperties(props) } : undefined,
  });
  if (typeof res === 'string') return fail(err, res);
  if (res.status === 200 || res.status === 201) {
    out.write(`${res.status === 201 ? 'deployed' : 'redeployed'} ${name} ${version} to ${res.url.origin}: ${String(res.answer.state ?? 'deployed')}\n`);
    return 0;
  }
  err.write(`error: deploy of ${name} ${version} failed (HTTP ${res.status}): ${reasonOf(res)}\n`);
  if (Array.isArray(res.answer.problems)) for (const p of res.answer.problems) err.write(`${String(p)}\n`);
  const serving = (res.answer.app as { version?: string } | undefined)?.version;
  if (serving) err.write(`${name} ${serving} keeps serving\n`);
  return 1;
}
