import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { Value } from '../expr/value.js';
import type { ResponseSpec } from '../http/response.js';
import { serializeSliced } from '../http/serialize.js';
import type { Serialized } from '../http/serialize.js';
import type { FlowEvent } from '../runtime/event.js';
import type { ComponentNode } from '../spi/component.js';
import type { ChildSpec } from '../spi/spec.js';
import { isToken } from '../util/http-token.js';

/** `http:response` / `http:error-response`: each part literal or `#[…]`. */
export const responseSpec: ChildSpec = {
  attributes: {
    statusCode: { kind: 'expression-supported' },
    reasonPhrase: { kind: 'expression-supported' },
  },
  children: {
    'http:body': { attributes: {}, text: 'expression-supported' },
    'http:headers': { attributes: {}, text: 'expression' },
  },
};

export interface ResponseBuilder {
  readonly statusCode?: Value;
  readonly reasonPhrase?: Value;
  readonly body?: Value;
  readonly headers?: Value;
}

export function responseBuilder(node: ComponentNode | undefined): ResponseBuilder {
  if (!node) return {};
  return {
    statusCode: node.value('statusCode'),
    reasonPhrase: node.value('reasonPhrase'),
    body: node.child('http:body')?.text(),
    headers: node.child('http:headers')?.text(),
  };
}

const NO_HEADERS: Readonly<Record<string, unknown>> = Object.freeze({});

export interface ResponseDefaults {
  readonly status: number;
  /** The body when the builder has none, with its media type. */
  readonly body: (event: FlowEvent) => { value: unknown; mediaType?: string };
}

/**
 * Resolves a builder against an event. An expression that yields nothing takes the default
 * (200 for responses, 500 for error responses); a status that is not a valid code is a
 * MULE:SOURCE_RESPONSE_GENERATE error.
 */
export async function buildResponse(builder: ResponseBuilder, event: FlowEvent, defaults: ResponseDefaults): Promise<ResponseSpec> {
  if (!builder.statusCode && !builder.reasonPhrase && !builder.headers && !builder.body) {
    const { value, mediaType } = defaults.body(event);
    return { status: defaults.status, headers: NO_HEADERS, body: value, mediaType };
  }
  const [status, reason, headers, body] = await Promise.all([
    builder.statusCode?.evaluate(event),
    builder.reasonPhrase?.evaluate(event),
    builder.headers?.evaluate(event),
    builder.body?.evaluate(event),
  ]);
  const fallback = builder.body ? undefined : defaults.body(event);
  return {
    status: statusOf(status, defaults.status),
    reasonPhrase: reasonOf(reason),
    headers: headersOf(headers),
    body: fallback ? fallback.value : body,
    // A body that is the payload keeps the payload's media type.
    mediaType: fallback ? fallback.mediaType : body === event.message.payload ? event.message.mediaType : undefined,
  };
}

/**
 * The response with its body serialized, so that a body that cannot be written (a BigInt, a
 * circular structure) fails here, as MULE:SOURCE_RESPONSE_GENERATE, where the listener still
 * answers with http:error-response, rather than when the bytes are sent.
 */
export function encodeResponse(spec: ResponseSpec): ResponseSpec | Promise<ResponseSpec> {
  let encoded: Serialized | Promise<Serialized>;
  try {
    encoded = serializeSliced(spec.body, spec.mediaType);
  } catch (e) {
    throw unwritable(spec, e);
  }
  // A large body is written in slices, later; a small one (nearly every response) is done now.
  if (!(encoded instanceof Promise)) return { ...spec, encoded };
  return encoded.then(
    (done) => ({ ...spec, encoded: done }),
    (e: unknown) => Promise.reject(unwritable(spec, e)),
  );
}

function unwritable(spec: ResponseSpec, e: unknown): FlowError {
  return new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `the response body cannot be written as ${spec.mediaType ?? 'JSON'}: ${(e as Error).message}`, {
    cause: e,
  });
}

function statusOf(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < 100 || n > 599) {
    throw new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `statusCode ${JSON.stringify(value)} is not an HTTP status code (100-599)`);
  }
  // RFC 9110 §15.2: a 1xx is an interim answer, followed by the final one; sent as the only answer, the client waits for ever.
  if (n < 200) throw new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `statusCode ${n} is an interim (1xx) status; a flow answers with a final one (200-599)`);
  return n;
}

/** Characters a status line or header value can carry (RFC 9110 §5.5: no CR, LF, NUL; Node sends one byte per character). */
const FIELD_TEXT = /^[\t\x20-\x7e\x80-\xff]*$/;

function reasonOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const reason = String(value);
  if (!FIELD_TEXT.test(reason))
    throw new FlowError(
      MULE.SOURCE_RESPONSE_GENERATE,
      `reasonPhrase ${JSON.stringify(reason)} has a line break, a control character or a character above U+00FF, which a status line cannot carry`,
    );
  return reason;
}

function headersOf(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `http:headers must give an object of header names to values, not ${JSON.stringify(value)}`);
  }
  for (const [name, v] of Object.entries(value)) {
    if (!isToken(name)) {
      throw new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `"${name}" is not a valid header name`);
    }
    for (const item of Array.isArray(v) ? v : [v]) {
      if (/[\r\n\0]/.test(String(item))) throw new FlowError(MULE.SOURCE_RESPONSE_GENERATE, `header ${name} has a line break or NUL in its value`);
      if (!FIELD_TEXT.test(String(item)))
        throw new FlowError(
          MULE.SOURCE_RESPONSE_GENERATE,
          `header ${name} has a control character or a character above U+00FF in its value, which HTTP/1.1 cannot carry`,
        );
    }
  }
  return value as Record<string, unknown>;
}
