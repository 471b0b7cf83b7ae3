import { DEFAULT_MAX_BODY_BYTES } from '../http/body.js';
import type { ListenerConfig } from '../http/endpoint.js';
import type { ListenerTls } from '../http/tls.js';
import type { ComponentNode, GlobalType } from '../spi/component.js';
import { EXPIRATION_POLICY, RECONNECTION } from '../spi/mule-parameters.js';
import type { TlsContext } from './tls/context.js';
import { listenerTls, readTlsContext, tlsContextSpec } from './tls/context.js';

/**
 * `<http:listener-config name basePath>` with `<http:listener-connection host port …>`.
 * `protocol="HTTPS"` takes a `<tls:context>` inside the connection or a global one named by
 * `tlsContext` (docs/tls.md). `maxRequestBodySize` is flowrt's own (Mule has no such
 * attribute): request bodies past it are refused with 413.
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
      rejectInvalidTransferEncoding: {
        kind: 'literal',
        type: 'boolean',
        default: 'false',
        doc: "Accepted: Node.js's HTTP parser always answers an invalid Transfer-Encoding with 400, as Mule does with true.",
      },
      skipHeadersOnTracing: { kind: 'literal', doc: 'Accepted: flowrt exports no tracing spans with header values.' },
    },
    notYet: {
      'http:listener-interceptors': 'answer CORS with the cors policy of the API (api-manager.yaml), which handles preflight requests too',
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
          tlsContext: { kind: 'literal', ref: 'tls:context', doc: 'The name of a global <tls:context> for HTTPS.' },
        },
        children: {
          'tls:context': tlsContextSpec,
          // A listener has no connection to re-establish: a port it cannot bind fails the start, as failsDeployment="true" would.
          reconnection: RECONNECTION,
        },
      },
      'expiration-policy': EXPIRATION_POLICY,
    },
  },
  build(node): ListenerConfig | undefined {
    const connection = node.child('http:listener-connection');
    const name = node.literal('name');
    if (!connection || !name) return undefined;
    const tls = connectionTls(connection);
    if (tls === null) return undefined;
    const port = connection.int('port');
    const host = connection.literal('host');
    const maxRequestBodySize = node.int('maxRequestBodySize') ?? DEFAULT_MAX_BODY_BYTES;
    if (port === undefined || host === undefined) return undefined;
    if (maxRequestBodySize < 0) {
      node.error(
        'negative-body-size',
        `maxRequestBodySize ${maxRequestBodySize} is negative`,
        'give the largest request body to accept, in bytes (0 accepts none)',
        node.element.attrs.get('maxRequestBodySize')?.valueLoc,
      );
      return undefined;
    }
    if (port < 0 || port > 65535) {
      connection.error('listener-port-out-of-range', `port ${port} is out of range (0-65535)`);
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
      ...(tls ? { tls } : {}),
    };
  },
};

/**
 * The connection's TLS: undefined for HTTP, null when HTTPS cannot be served (reported). Mule's
 * HTTP connector takes the context inline or by reference, not both.
 */
function connectionTls(connection: ComponentNode): ListenerTls | undefined | null {
  const inline = connection.child('tls:context');
  const ref = connection.literal('tlsContext');
  if (connection.literal('protocol') !== 'HTTPS') {
    if (inline || ref) connection.warn('ignored-setting', 'this connection is HTTP: its TLS context is not used', 'write protocol="HTTPS" to serve TLS');
    return undefined;
  }
  if (inline && ref) {
    connection.error('tls-context-given-twice', 'give the TLS context either inline or by tlsContext, not both');
    return null;
  }
  if (!inline && !ref) {
    connection.error(
      'https-without-tls-context',
      'an HTTPS listener needs a TLS context',
      'add <tls:context><tls:key-store path="server.p12" password="…"/></tls:context> inside <http:listener-connection>, or tlsContext="<name of a global tls:context>"',
    );
    return null;
  }
  const context = inline ? readTlsContext(inline) : connection.config<TlsContext>('tlsContext');
  if (!context && ref) {
    // Either no such global or one that failed to build (its own errors say why): one sentence for both.
    connection.error(
      'unusable-tls-context',
      `tlsContext="${ref}" names no usable <tls:context>`,
      `declare <tls:context name="${ref}"> under <mule>, or fix the errors reported for it`,
      connection.element.attrs.get('tlsContext')?.valueLoc,
    );
  }
  return (context && listenerTls(context, inline ?? connection)) ?? null;
}
