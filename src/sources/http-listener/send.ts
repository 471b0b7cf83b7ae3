import type { HttpExchange } from '../../http/exchange.js';
import { MULE } from '../../errors/catalog/index.js';
import type { ResponseSpec } from '../../http/response.js';
import { writeResponse } from '../../http/response.js';
import type { ExecContext } from '../../runtime/processor.js';

/**
 * The last stage: writes the response. What the flow responds is checked before
 * (response-builder.ts); what a policy added could still be refused by Node: then a plain 500,
 * logged with the event's correlation id, rather than Koa's bare one.
 */
export function send(exchange: HttpExchange, spec: ResponseSpec, exec: ExecContext): void {
  try {
    writeResponse(exchange, spec);
  } catch (e) {
    exec.log.error({ errorType: MULE.SOURCE_RESPONSE_SEND.id, err: (e as Error)?.message }, 'the response could not be written; answering 500');
    const { res } = exchange;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    writeResponse(exchange, {
      status: 500,
      headers: {},
      body: 'Internal Server Error: the response could not be written',
      mediaType: 'text/plain; charset=utf-8',
    });
  }
}
