import type { Server as HttpsServer, ServerOptions } from 'node:https';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import type { LogLimiter } from '../runtime/log-limiter.js';

/**
 * Whether a listener asks for client certificates. Mule's HTTP service sets `needClientAuth` when
 * the listener's `tls:context` has a trust store with a path (GrizzlyServerManager: clientAuth =
 * tlsContextFactory.isTrustStoreConfigured()): `verified` checks the certificate against that
 * trust store, `any` (`insecure="true"`, Mule's InsecureTrustManager) takes any certificate but
 * still requires one; `none` asks for nothing.
 */
export type ClientAuth = 'none' | 'verified' | 'any';

/** An HTTPS listener's TLS settings, read and checked once at load. */
export interface ListenerTls {
  /** What node:tls builds the server's secure context from: key material, trusted CAs, versions, ciphers. */
  readonly context: Readonly<SecureContextOptions>;
  readonly clientAuth: ClientAuth;
  /** A digest of `context` and `clientAuth`: equal digests need no new secure context on reload. */
  readonly digest: string;
}

/** The options an https server is created with, or its secure context replaced by. */
export function serverOptions(tls: ListenerTls): ServerOptions {
  return { ...tls.context, requestCert: tls.clientAuth !== 'none', rejectUnauthorized: tls.clientAuth === 'verified' };
}

/**
 * Whether a server built for `a` can take `b` by replacing its secure context: Node reads
 * `requestCert` and `rejectUnauthorized` when the server is created, so a change of scheme or of
 * client authentication needs a new server.
 */
export function sameKindOfServer(a: ListenerTls | undefined, b: ListenerTls | undefined): boolean {
  return a?.clientAuth === b?.clientAuth && (a === undefined) === (b === undefined);
}

/**
 * Refuses what TLS alone lets through (`insecure="true"` still needs a certificate, as Java's
 * needClientAuth) and logs every refused handshake once per reason and window. Per connection,
 * never per request; the plain HTTP path has none of it.
 */
export function guardHandshakes(server: HttpsServer, tls: () => ListenerTls | undefined, log: Logger, warnings: LogLimiter, name: string): void {
  // Before the HTTP layer sees the connection, so a refused one never reaches a flow.
  server.prependListener('secureConnection', (socket: TLSSocket) => {
    if (tls()?.clientAuth !== 'any' || socket.getPeerX509Certificate()) return;
    refused(
      log,
      warnings,
      name,
      'no-certificate',
      socket.remoteAddress,
      'the client sent no certificate; this listener requires one (its tls:context has a trust store)',
    );
    socket.destroy();
  });
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket: TLSSocket) => {
    const { key, why, quiet } = refusal(err, socket);
    refused(log, warnings, name, key, socket.remoteAddress, why, quiet);
  });
}

function refused(log: Logger, warnings: LogLimiter, config: string, key: string, remoteAddress: string | undefined, why: string, quiet = false): void {
  // Keyed by reason only: a client cannot grow the limiter with addresses it chooses.
  warnings.log(log, quiet ? 'debug' : 'warn', `tls:${key}`, { config, remoteAddress, reason: key }, `TLS handshake refused: ${why}`);
}

/** Node's codes for a client certificate OpenSSL did not verify, in words. */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the client certificate has expired',
  CERT_NOT_YET_VALID: 'the client certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the client certificate is self-signed and not in the trust store',
  SELF_SIGNED_CERT_IN_CHAIN: 'the client certificate chains to a CA that is not in the trust store',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the client certificate was not issued by a CA in the trust store',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the client certificate was not issued by a CA in the trust store',
  CERT_SIGNATURE_FAILURE: 'the client certificate signature does not verify',
  CERT_REVOKED: 'the client certificate is revoked',
};

/** Node's OpenSSL error codes for a failed handshake, in words. */
const HANDSHAKE_PROBLEMS: Readonly<Record<string, string>> = {
  ERR_SSL_HTTP_REQUEST: 'plain HTTP was sent to an HTTPS listener',
  ERR_SSL_HTTPS_PROXY_REQUEST: 'a proxy CONNECT was sent to an HTTPS listener',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the client does not speak TLS',
  ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: 'the client sent no certificate; this listener requires one (its tls:context has a trust store)',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the client offered no TLS version this listener enables (enabledProtocols)',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'the client offered no TLS version this listener enables (enabledProtocols)',
  ERR_SSL_NO_SHARED_CIPHER: 'the client offered no cipher suite this listener enables (enabledCipherSuites)',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: "the client refused this listener's certificate",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "the client refused this listener's certificate",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "the client does not trust the CA of this listener's certificate",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: "the client refused this listener's certificate as expired",
  ERR_TLS_HANDSHAKE_TIMEOUT: 'the handshake timed out',
};

/** Why a handshake failed, as a log key and a sentence; a client that merely left is not worth a warning. */
export function refusal(err: NodeJS.ErrnoException, socket: TLSSocket | undefined): { key: string; why: string; quiet: boolean } {
  // Node destroys a connection whose certificate did not verify and reports a reset: the reason is on the socket.
  const verify = socket?.authorizationError;
  const verifyCode = typeof verify === 'string' ? verify : verify?.message;
  if (verifyCode) return { key: verifyCode, why: CERTIFICATE_PROBLEMS[verifyCode] ?? `the client certificate was refused (${verifyCode})`, quiet: false };
  const code = err.code ?? 'unknown';
  const known = HANDSHAKE_PROBLEMS[code];
  if (known) return { key: code, why: known, quiet: false };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { key: code, why: 'the client closed the connection during the handshake', quiet: true };
  return { key: code, why: `${err.message.split('\n')[0]}`, quiet: false };
}
