import { DEFAULT_MAX_BODY_BYTES } from '../http/body.js';
import type { ListenerConfig } from '../http/endpoint.js';
import type { GlobalType } from '../spi/component.js';

/**
 * `<http:listener-config name basePath>` with `<http:listener-connection host port …>`.
 * HTTPS needs a TLS context, which flowrt does not support yet. `maxRequestBodySize` is flowrt's
 * own (Mule has no such attribute): request bodies past it are refused with 413.
 */
export const httpListenerConfig: GlobalType = {
  element: 'http:listener-config',
  spec: {
    attributes: {
      name: { kind: 'literal', required: true },
      basePath: { kind: 'literal', default: '' },
      maxRequestBodySize: {
        kind: 'literal',
        type: 'integer',
        default: String(DEFAULT_MAX_BODY_BYTES),
        doc: 'flowrt extension (not in Mule): the largest request body, in bytes, its listeners accept; larger ones are refused with 413 as soon as they pass it. Default 10 MiB.',
      },
    },
    children: {
      'http:listener-connection': {
        required: true,
        attributes: {
          host: { kind: 'literal', required: true },
          port: { kind: 'literal', type: 'integer', required: true },
          protocol: { kind: 'literal', default: 'HTTP', values: ['HTTP', 'HTTPS'] },
          usePersistentConnections: { kind: 'literal', type: 'boolean', default: 'true' },
          connectionIdleTimeout: { kind: 'literal', type: 'integer', default: '30000' },
          readTimeout: { kind: 'literal', type: 'integer', default: '30000' },
        },
      },
    },
  },
  build(node): ListenerConfig | undefined {
    const connection = node.child('http:listener-connection');
    const name = node.literal('name');
    if (!connection || !name) return undefined;
    if (connection.literal('protocol') === 'HTTPS') {
      connection.error('HTTPS listeners are not supported by flowrt yet (they need tls:context)', 'terminate TLS in front of flowrt, or use protocol="HTTP"');
      return undefined;
    }
    const port = connection.int('port');
    const host = connection.literal('host');
    const maxRequestBodySize = node.int('maxRequestBodySize') ?? DEFAULT_MAX_BODY_BYTES;
    if (port === undefined || host === undefined) return undefined;
    if (maxRequestBodySize < 0) {
      node.error(`maxRequestBodySize ${maxRequestBodySize} is negative`, 'give the largest request body to accept, in bytes (0 accepts none)', node.element.attrs.get('maxRequestBodySize')?.valueLoc);
      return undefined;
    }
    if (port < 0 || port > 65535) {
      connection.error(`port ${port} is out of range (0-65535)`);
      return undefined;
    }
    return {
      name,
      host,
      port,
      basePath: node.literal('basePath') ?? '',
      usePersistentConnections: connection.bool('usePersistentConnections') ?? true,
      connectionIdleTimeout: connection.int('connectionIdleTimeout') ?? 30_000,
      readTimeout: connection.int('readTimeout') ?? 30_000,
      maxRequestBodySize,
    };
  },
};
