import type { EventLike } from '../scope.js';
import { readValue } from './formats/index.js';
import { mimeOf } from './output.js';
import type { DwValue } from './values/model.js';

/** The names Mule gives every DataWeave script, besides its own `input`s. */
export const MULE_BINDINGS: readonly string[] = ['payload', 'attributes', 'vars', 'error', 'correlationId', 'message', 'flow', 'app', 'dataType'];

// A payload held as text or bytes is read once per event, however many scripts look at it.
const read = new WeakMap<EventLike, DwValue>();

/**
 * The payload as DataWeave sees it: text or bytes of a format DataWeave reads (JSON, XML, CSV,
 * urlencoded) are read by the payload's media type, as Mule reads a payload by its MIME type, so
 * `payload.order.@id` works on an XML body. Structures flowrt already holds are used as they are.
 */
export function payloadOf(event: EventLike, input?: { mimeType: string; properties: Readonly<Record<string, DwValue>> }): DwValue {
  const { payload, mediaType } = event.message;
  if (payload === undefined) return null;
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return payload as DwValue;
  const mime = input?.mimeType ?? mimeOf(mediaType);
  if (!mime || mime === 'text/plain' || mime === 'application/java' || mime === 'application/octet-stream') return payload as DwValue;
  if (!input) {
    const cached = read.get(event);
    if (cached !== undefined) return cached;
  }
  const value = readValue(payload, mime, input?.properties ?? charsetProps(mediaType));
  if (!input) read.set(event, value);
  return value;
}

function charsetProps(mediaType: string | undefined): Readonly<Record<string, DwValue>> {
  const charset = /;\s*charset="?([^";]+)"?/i.exec(mediaType ?? '')?.[1];
  return charset ? { encoding: charset } : {};
}

/** Every binding of the event, computed once per event and script shape. */
export function bindingsOf(
  event: EventLike,
  flow: DwValue,
  app: DwValue,
  inputs: Readonly<Record<string, { mimeType: string; properties: Readonly<Record<string, DwValue>> }>>,
): Record<string, DwValue> {
  const payload = payloadOf(event, inputs.payload);
  const attributes = (event.message.attributes ?? null) as DwValue;
  return {
    payload,
    attributes,
    vars: event.vars as DwValue,
    error: (event.error?.toValue() ?? null) as DwValue,
    correlationId: event.correlationId,
    message: { payload, attributes, dataType: { mimeType: mimeOf(event.message.mediaType) ?? 'application/java' } },
    dataType: { mimeType: mimeOf(event.message.mediaType) ?? 'application/java' },
    flow,
    app,
  };
}
