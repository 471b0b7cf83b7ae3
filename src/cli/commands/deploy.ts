import { readFile } from 'node:fs/promises';
import { Agent, request } from 'undici';
import { envSetting } from '../../config/environment.js';
import { ArchiveError } from '../../deploy/archive/archive-error.js';
import { readManifest } from '../../deploy/archive/unpack.js';

export interface DeployCliOptions {
  readonly to: string;
  readonly token?: string;
  /** Seconds to wait for the runtime to answer (a deploy validates and starts the app). */
  readonly timeout?: string;
}

/**
 * `flowrt deploy FILE --to URL --token T`: uploads an archive to a runtime's admin API
 * (`PUT /apps/{name}`) and reports what the runtime did. Exit 0 only when the app serves the
 * uploaded version; otherwise 1, with the runtime's reason and problems on stderr.
 */
export async function deploy(file: string, options: DeployCliOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
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
  let url: URL;
  try {
    url = new URL(`apps/${encodeURIComponent(name)}`, options.to.endsWith('/') ? options.to : `${options.to}/`);
  } catch {
    return fail(err, `--to ${options.to} is not a URL (expected e.g. http://127.0.0.1:9999)`);
  }
  const timeout = Number(options.timeout ?? 120) * 1000;
  const agent = new Agent({ connect: { timeout: 10_000 } });
  try {
    const res = await request(url, {
      method: 'PUT',
      dispatcher: agent,
      body: archive,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await res.body.text();
    const body = parse(text);
    if (res.statusCode === 200 || res.statusCode === 201) {
      out.write(`${res.statusCode === 201 ? 'deployed' : 'redeployed'} ${name} ${version} to ${url.origin}: ${String(body.state ?? 'deployed')}\n`);
      return 0;
    }
    const reason = typeof body.error_description === 'string' ? body.error_description : text.slice(0, 500) || `HTTP ${res.statusCode}`;
    err.write(`error: deploy of ${name} ${version} failed (HTTP ${res.statusCode}): ${reason}\n`);
    if (Array.isArray(body.problems)) for (const p of body.problems) err.write(`${String(p)}\n`);
    const serving = (body.app as { version?: string } | undefined)?.version;
    if (serving) err.write(`${name} ${serving} keeps serving\n`);
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

function fail(err: NodeJS.WritableStream, message: string): number {
  err.write(`error: ${message}\n`);
  return 1;
}
