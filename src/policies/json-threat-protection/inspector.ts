import { TextDecoder } from 'node:util';
import type { BodyInspector } from '../shared/policy.js';
import { BodyRejectedError } from '../shared/policy.js';
import type { JsonLimits } from './limits.js';
import { JsonLimitExceededError, limitChecker } from './limits.js';
import { JsonSyntaxError, JsonTokenizer } from './tokenizer.js';

/**
 * A body inspector that reads JSON as it streams: bytes decoded in the body's charset (split
 * characters held until complete), then tokenized against the limits. The first limit crossed, or
 * the first character that is not JSON, refuses the request with 400. An empty body has nothing
 * to check (the listener reads it as null). Undefined for a charset Node cannot decode: the
 * listener refuses that body itself (415).
 *
 * @example
 * ctx.inspectBody(jsonInspector(limits, 'utf-8')!);
 */
export function jsonInspector(limits: JsonLimits, charset: string): BodyInspector | undefined {
  let decoder: TextDecoder;
  try {
    // fatal: bytes not valid in the charset are refused, as the listener would; BOM kept, so that it is refused as JSON.parse refuses it.
    decoder = new TextDecoder(charset, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
  const tokenizer = new JsonTokenizer(limitChecker(limits));
  let empty = true;
  return {
    write(chunk) {
      if (chunk.length === 0) return;
      empty = false;
      guarded(() => tokenizer.write(decoder.decode(chunk, { stream: true })), charset);
    },
    end() {
      if (empty) return;
      guarded(() => {
        tokenizer.write(decoder.decode());
        tokenizer.end();
      }, charset);
    },
  };
}

function guarded(read: () => void, charset: string): void {
  try {
    read();
  } catch (e) {
    throw refusal(e, charset);
  }
}

function refusal(e: unknown, charset: string): BodyRejectedError {
  if (e instanceof JsonLimitExceededError) return new BodyRejectedError(400, 'bad_request', e.message);
  if (e instanceof JsonSyntaxError) return new BodyRejectedError(400, 'bad_request', `request body is not valid JSON: ${e.message}`);
  if ((e as { code?: unknown } | null)?.code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
    return new BodyRejectedError(400, 'bad_request', `request body is not valid ${charset}`);
  throw e;
}
