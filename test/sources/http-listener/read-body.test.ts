import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyError } from '../../../src/http/body.js';
import { BodyRejectedError } from '../../../src/policies/shared/policy.js';
import { bodyRefused, readPayload } from '../../../src/sources/http-listener/read-body.js';

function request(body: string, complete = true): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers: { 'content-length': String(Buffer.byteLength(body)) }, complete });
  stream.end(body);
  return stream as unknown as IncomingMessage;
}

describe('listener stage: reading the body', () => {
  it('parses JSON by its Content-Type, each chunk shown to the inspectors, then the end', async () => {
    const seen: string[] = [];
    const inspector = { write: (chunk: Buffer) => void seen.push(chunk.toString()), end: () => void seen.push('<end>') };
    const body = await readPayload(request('{"id":7}'), 1024, 'application/json', undefined, [inspector]);
    expect(body.payload).toEqual({ id: 7 });
    expect(seen).toEqual(['{"id":7}', '<end>']);
  });

  it('takes an inspector refusal as the response, closing a connection whose body is unread', () => {
    const refusal = new BodyRejectedError(400, 'invalid_request', 'nested too deep');
    expect(bodyRefused(refusal, request('', false))).toEqual({
      status: 400,
      headers: { connection: 'close' },
      body: { error: 'invalid_request', error_description: 'nested too deep' },
      mediaType: 'application/json',
    });
    expect(bodyRefused(refusal, request('', true)).headers).toEqual({});
  });

  it('closes the connection after a 413 and gives any other failure as a 400', () => {
    expect(bodyRefused(new BodyError(413, 'too large'), request(''))).toMatchObject({ status: 413, headers: { connection: 'close' } });
    expect(bodyRefused(new Error('socket hang up'), request(''))).toMatchObject({ status: 400, headers: {}, body: 'request body could not be read' });
  });
});
