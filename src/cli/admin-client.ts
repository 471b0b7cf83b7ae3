import { Agent, request } from 'undici';

export type Out = NodeJS.WritableStream;

/** An admin API answer: its status, raw text, and the JSON object it holds ({} when none). */
export interface AdminResponse {
  readonly status: number;
  readonly url: URL;
  readonly text: string;
  readonly answer: Record<string, unknown>;
}

export interface AdminRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the admin API's URL, e.g. `apps/orders`. */
  readonly path: string;
  readonly body?: string | Buffer;
  readonly contentType?: string;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One call to a runtime's admin API with its bearer token, on a pool of its own closed after;
 * a string comes back, already phrased, when the call could not be made at all.
 */
export async function callAdmin(to: string, token: string, call: AdminRequest): Promise<AdminResponse | string> {
  let url: URL;
  try {
    url = new URL(call.path, to.endsWith('/') ? to : `${to}/`);
  } catch {
    return `--to ${to} is not a URL (expected e.g. http://127.0.0.1:9999)`;
  }
  const timeout = call.timeoutMs ?? 60_000;
  const agent = new Agent({ connect: { timeout: 10_000 } });
  try {
    const res = await request(url, {
      method: call.method,
      dispatcher: agent,
      headers: { ...call.headers, authorization: `Bearer ${token}`, ...(call.contentType ? { 'content-type': call.contentType } : {}) },
      body: call.body,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await res.body.text();
    return { status: res.statusCode, url, text, answer: parse(text) };
  } catch (e) {
    return `cannot reach ${url.origin}: ${(e as Error).message}`;
  } finally {
    await agent.close();
  }
}

/** Why the runtime refused: its error_description, else the start of its answer, else the status. */
export function reasonOf(res: AdminResponse): string {
  return typeof res.answer.error_description === 'string' ? res.answer.error_description : res.text.slice(0, 500) || `HTTP ${res.status}`;
}

/** Prints `error: message` and gives the exit code 1. */
export function fail(err: Out, message: string): number {
  err.write(`error: ${message}\n`);
  return 1;
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
