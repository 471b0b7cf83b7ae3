import type { ListenerConfig } from '../http/endpoint.js';
import type { GlobalType } from '../spi/component.js';

/**
 * `<http:listener-config name basePath>` with `<http:listener-connection host port …>`.
 * HTTPS needs a TLS context, which flowrt does not support yet.
 */
export const httpListenerConfig: GlobalType = {
  element: 'http:listener-config',
  spec: {
    attributes: {
      name: { kind: 'literal', required: true },
      basePath: { kind: 'literal', default: '' },
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
    if (port === undefined || host === undefined) return undefined;
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
    };
  },
};
