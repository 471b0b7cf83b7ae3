import { HTTP } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Message } from '../../model/message.js';
import { sleep } from '../../util/sleep.js';
import { parseBody } from '../body.js';
import type { RequestAuthentication, ResponseView } from './auth.js';
import type { HttpClient } from './http-client.js';
import type { OutboundRequest, OutboundResponse } from './outbound.js';
import { describeRequest } from './outbound.js';
import type { StatusRanges } from './status.js';
import { inRanges, statusFailure } from './status.js';

export interface ExchangeOptions {
  readonly client: HttpClient;
  readonly auth?: RequestAuthentication;
  readonly reconnect?: { readonly count: number; readonly frequency: number };
  /** Success ranges, or failure ranges when `failureRanges` is set. */
  readonly ranges: StatusRanges;
  readonly failureRanges: boolean;
  /** Overrides the response's Content-Type when reading its body. */
  readonly outputMimeType?: string;
}

/**
 * One `http:request`: authenticate, send (retrying connectivity failures as the connection's
 * reconnection strategy says), retry once when the authentication asks (an expired OAuth token),
 * read the body by its Content-Type, and validate the status. The result is Mule's message:
 * payload and `{statusCode, reasonPhrase, headers}`; a failure carries it as `errorMessage`.
 */
export async function exchange(request: OutboundRequest, options: ExchangeOptions): Promise<Message> {
  let response: OutboundResponse;
  let view: ResponseView;
  for (let attempt = 0; ; attempt++) {
    // Authentication writes its headers into a copy; without it the request goes as it is.
    const headers = options.auth ? { ...request.headers } : request.headers;
    if (options.auth) await options.auth.authenticate(headers, attempt);
    response = await sendReconnecting(options.auth ? { ...request, headers } : request, options);
    view = readResponse(request, response, options.outputMimeType);
    if (attempt > 0 || !options.auth || !(await options.auth.shouldRetry(view, headers))) break;
  }
  const message: Message = { payload: view.payload, attributes: view.attributes, mediaType: options.outputMimeType ?? header(response, 'content-type') };
  const ok = inRanges(response.statusCode, options.ranges) !== options.failureRanges;
  if (!ok) {
    const { type, reason } = statusFailure(response.statusCode, header({ headers: lower(request.headers) }, 'content-type'));
    throw new FlowError(type, `${describeRequest(request.method, request.url)} failed${reason}`, { errorMessage: message });
  }
  return message;
}

/** Without a reconnection strategy, the client's own promise: no async frame around it. */
function sendReconnecting(request: OutboundRequest, options: ExchangeOptions): Promise<OutboundResponse> {
  return options.reconnect ? reconnecting(request, options.client, options.reconnect) : options.client.send(request);
}

async function reconnecting(request: OutboundRequest, client: HttpClient, reconnect: NonNullable<ExchangeOptions['reconnect']>): Promise<OutboundResponse> {
  const attempts = 1 + reconnect.count;
  for (let i = 1; ; i++) {
    try {
      return await client.send(request);
    } catch (e) {
      const connectivity = e instanceof FlowError && e.type === HTTP.CONNECTIVITY;
      if (!connectivity) throw e;
      if (i >= attempts) {
        throw new FlowError(HTTP.RETRY_EXHAUSTED, `${e.description} Gave up after ${attempts} attempts.`, { cause: e });
      }
      await sleep(reconnect.frequency, request.cancel?.signal);
    }
  }
}

function readResponse(request: OutboundRequest, response: OutboundResponse, outputMimeType: string | undefined): ResponseView {
  const attributes = { statusCode: response.statusCode, reasonPhrase: response.reasonPhrase, headers: response.headers };
  if (request.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) return { payload: null, attributes };
  try {
    return { payload: parseBody(response.body, outputMimeType ?? header(response, 'content-type')).payload, attributes };
  } catch (e) {
    throw new FlowError(HTTP.PARSING, `${describeRequest(request.method, request.url)} failed: the response body could not be read: ${(e as Error).message}.`, {
      cause: e,
      errorMessage: { payload: response.body.toString('utf8'), attributes },
    });
  }
}

function header(source: { headers: Record<string, string | string[]> }, name: string): string | undefined {
  const v = source.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function lower(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
