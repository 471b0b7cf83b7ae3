import type { Value } from '../expr/value.js';
import type { RequestAuthentication } from '../http/client/auth.js';
import { BasicAuthentication } from '../http/client/auth.js';
import type { ClientOptions } from '../http/client/http-client.js';
import { HttpClient } from '../http/client/http-client.js';
import { ClientCredentials } from '../http/client/oauth-client-credentials.js';
import type { BodyMode, Dynamic, RequestConfig } from '../http/client/request-config.js';
import type { ComponentNode, GlobalType } from '../spi/component.js';
import type { ChildSpec } from '../spi/spec.js';
import { RESPONSE_VALIDATOR, statusValidator } from '../spi/response-validator.js';
import { EXPIRATION_POLICY, RECONNECTION, reconnectStrategy } from '../spi/mule-parameters.js';
import { clientCredentialsOptions, clientCredentialsSpec } from './oauth-client-credentials.js';
import { tlsContextSpec, tlsTrust } from './tls-context.js';
import type { TlsContext, TlsTrust } from './tls-context.js';

const MODES = ['AUTO', 'ALWAYS', 'NEVER'];
const keyValue = (key: string): ChildSpec => ({
  attributes: { [key]: { kind: 'literal', required: true }, value: { kind: 'expression-supported', required: true } },
  max: Infinity,
});

/**
 * `<http:request-config name basePath …>` with `<http:request-connection host port protocol …>`
 * (authentication, TLS trust, reconnection), default headers and query parameters: Mule's
 * names and defaults. Requests of a config share one pool of keep-alive connections.
 */
export const httpRequestConfig: GlobalType = {
  element: 'http:request-config',
  spec: {
    attributes: {
      name: { kind: 'literal', required: true },
      basePath: { kind: 'literal', expressionInMule: true, default: '/' },
      followRedirects: { kind: 'literal', expressionInMule: true, type: 'boolean', default: 'true' },
      sendBodyMode: { kind: 'literal', expressionInMule: true, default: 'AUTO', values: MODES },
      // Accepted for compatibility: flowrt sends buffered bodies with a Content-Length.
      requestStreamingMode: { kind: 'literal', expressionInMule: true, default: 'AUTO', values: MODES },
      responseTimeout: { kind: 'literal', expressionInMule: true, type: 'integer' },
      sendCorrelationId: { kind: 'literal', expressionInMule: true, default: 'AUTO', values: MODES },
      preserveHeadersCase: { kind: 'literal', expressionInMule: true, type: 'boolean', default: 'false' },
      enableCookies: {
        kind: 'literal',
        type: 'boolean',
        doc: "Accepted; flowrt keeps no cookie jar: cookies an upstream sets are not sent back (Mule's default is to).",
      },
    },
    children: {
      'http:request-connection': {
        attributes: {
          host: { kind: 'literal', expressionInMule: true },
          port: { kind: 'literal', expressionInMule: true, type: 'integer' },
          protocol: { kind: 'literal', default: 'HTTP', values: ['HTTP', 'HTTPS'] },
          tlsContext: { kind: 'literal', ref: 'tls:context', doc: 'The name of a global <tls:context>: the CAs to trust, instead of an inline one.' },
          usePersistentConnections: { kind: 'literal', type: 'boolean', default: 'true' },
          maxConnections: { kind: 'literal', type: 'integer', default: '-1' },
          connectionIdleTimeout: { kind: 'literal', type: 'integer', default: '30000' },
          // Accepted for compatibility: responses are read whole.
          streamResponse: { kind: 'literal', type: 'boolean', default: 'false' },
          responseBufferSize: { kind: 'literal', type: 'integer', default: '-1' },
        },
        children: {
          'http:authentication': {
            attributes: {},
            children: {
              'http:basic-authentication': {
                attributes: {
                  username: { kind: 'literal', expressionInMule: true, required: true },
                  password: { kind: 'literal', expressionInMule: true, required: true },
                  preemptive: { kind: 'literal', type: 'boolean', default: 'true' },
                },
              },
              'oauth:client-credentials-grant-type': clientCredentialsSpec,
            },
          },
          'tls:context': tlsContextSpec,
          reconnection: RECONNECTION,
        },
        notYet: {
          proxyConfig: 'flowrt sends requests directly; an outbound proxy is not supported yet',
          'http:proxy-config': 'flowrt sends requests directly; an outbound proxy is not supported yet',
        },
      },
      'http:response-validator': RESPONSE_VALIDATOR,
      'expiration-policy': EXPIRATION_POLICY,
      'http:default-headers': { attributes: {}, children: { 'http:default-header': keyValue('key') } },
      'http:default-query-params': { attributes: {}, children: { 'http:query-param': keyValue('key') } },
    },
  },
  build(node): RequestConfig | undefined {
    const name = node.literal('name')!;
    const connection = node.child('http:request-connection');
    const protocol = connection?.literal('protocol') ?? 'HTTP';
    const host = connection?.literal('host');
    const port = connection?.int('port') ?? (protocol === 'HTTPS' ? 443 : 80);
    const responseTimeout = node.int('responseTimeout');
    const trust = outboundTrust(connection);
    const validator = node.child('http:response-validator');
    if (node.bool('enableCookies') === true) {
      node.warn(
        'ignored-setting',
        'enableCookies is not supported by flowrt yet: cookies an upstream sets are not sent back to it',
        'pass them on with <http:headers> where a flow needs them',
        node.element.attrs.get('enableCookies')?.valueLoc,
      );
    }
    const maxConnections = connection?.int('maxConnections') ?? -1;
    const options: ClientOptions = {
      maxConnections: maxConnections > 0 ? maxConnections : undefined,
      connectionIdleTimeout: connection?.int('connectionIdleTimeout') ?? 30_000,
      connectTimeout: responseTimeout ?? node.services.settings.defaultResponseTimeout,
      usePersistentConnections: connection?.bool('usePersistentConnections') ?? true,
      trust,
    };
    let client: HttpClient | undefined;
    const pool = (): HttpClient => (client ??= new HttpClient(options));
    const auth = authentication(connection?.child('http:authentication'), responseTimeout ?? node.services.settings.defaultResponseTimeout);
    const stop = async () => {
      await auth?.stop?.();
      await client?.close();
      client = undefined;
    };
    node.services.onStop(stop);
    return {
      name,
      origin: host ? `${protocol.toLowerCase()}://${host.includes(':') ? `[${host}]` : host}:${port}` : undefined,
      basePath: node.literal('basePath') ?? '/',
      followRedirects: node.bool('followRedirects') ?? true,
      sendBodyMode: (node.literal('sendBodyMode') ?? 'AUTO') as BodyMode,
      responseTimeout,
      sendCorrelationId: (node.literal('sendCorrelationId') ?? 'AUTO') as BodyMode,
      defaultHeaders: pairs(node.child('http:default-headers')?.children('http:default-header'), 'key'),
      defaultQueryParams: pairs(node.child('http:default-query-params')?.children('http:query-param'), 'key'),
      reconnect: reconnectStrategy(connection?.child('reconnection'), 'for requests'),
      responseValidator: validator && statusValidator(validator),
      auth,
      client: pool,
      stop,
    };
  },
};

function pairs(nodes: ComponentNode[] | undefined, key: string): Array<[string, Dynamic]> {
  const out: Array<[string, Dynamic]> = [];
  for (const n of nodes ?? []) {
    const value: Value | undefined = n.value('value');
    if (value) out.push([n.literal(key)!, (event) => value.evaluate(event)]);
  }
  return out;
}

function authentication(node: ComponentNode | undefined, timeoutMs: number): RequestAuthentication | undefined {
  const basic = node?.child('http:basic-authentication');
  const oauth = node?.child('oauth:client-credentials-grant-type');
  if (basic && oauth) node!.error('conflicting-authentication', '<http:authentication> takes one kind of authentication');
  if (basic) return new BasicAuthentication(basic.literal('username')!, basic.literal('password')!, basic.bool('preemptive') ?? true);
  if (!oauth) return undefined;
  const options = clientCredentialsOptions(oauth, timeoutMs);
  if (!options) return undefined;
  let tokenClient: HttpClient | undefined;
  return new ClientCredentials(
    options,
    (request) => (tokenClient ??= new HttpClient({ connectionIdleTimeout: 30_000, usePersistentConnections: true })).send(request),
    async () => tokenClient?.close(),
  );
}

/** The CAs a connection trusts: its inline `<tls:context>`, or the global one `tlsContext` names (its trust store). */
function outboundTrust(connection: ComponentNode | undefined): TlsTrust | undefined {
  const inline = connection?.child('tls:context');
  const ref = connection?.literal('tlsContext');
  if (inline && ref) connection!.error('tls-context-given-twice', 'give the TLS context either inline or by tlsContext, not both');
  if (inline || !ref) return tlsTrust(inline);
  const context = connection!.config<TlsContext>('tlsContext');
  if (!context) return undefined;
  if (context.keyStore) {
    connection!.error(
      'outbound-client-certificate',
      `tls:context "${ref}" has a key store: flowrt does not send client certificates on outbound requests yet`,
      'use a tls:context with only a trust store here, or terminate mutual TLS in a proxy in front of the upstream',
      connection!.element.attrs.get('tlsContext')?.valueLoc,
    );
    return undefined;
  }
  return { ca: context.trustStore?.ca, insecure: context.trustStore?.insecure ?? false };
}
