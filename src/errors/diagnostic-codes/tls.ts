import type { CodeDoc } from './code-doc.js';

/** TLS contexts, key stores and trust stores: each code with what it means, a message it comes with and what to do. */
export const TLS_CODES = {
  'https-without-tls-context': {
    meaning: 'an HTTPS listener without a TLS context',
    example: 'an HTTPS listener needs a TLS context',
    fix: 'add <tls:context> with a <tls:key-store> inside <http:listener-connection>, or tlsContext="…"',
  },
  'https-without-key-store': {
    meaning: "an HTTPS listener's TLS context has no key store",
    example: 'an HTTPS listener needs a <tls:key-store> with its private key and certificate',
    fix: 'add <tls:key-store path="server.p12" password="…"/> to its <tls:context>',
  },
  'tls-context-given-twice': {
    meaning: 'a connection gives its TLS context both inline and by tlsContext',
    example: 'give the TLS context either inline or by tlsContext, not both',
    fix: 'keep one of them',
  },
  'unusable-tls-context': {
    meaning: 'tlsContext names no global tls:context, or one that has errors',
    example: 'tlsContext="server-tls" names no usable <tls:context>',
    fix: 'declare <tls:context name="server-tls"> under <mule>, or fix the errors reported for it',
  },
  'outbound-client-certificate': {
    meaning: 'a key store on a TLS context for outbound requests: flowrt sends no client certificates yet',
    example: 'flowrt does not send client certificates on outbound requests yet: <tls:key-store> works on HTTPS listeners only',
    fix: "remove the key store from the request's TLS context",
  },
  'empty-tls-context': {
    meaning: 'a tls:context with neither key store nor trust store',
    example: '<tls:context> needs a <tls:key-store> or a <tls:trust-store>',
    fix: 'add the store it is meant to hold',
  },
  'unnamed-tls-context': {
    meaning: 'a global tls:context without a name, which nothing can use (warning)',
    example: 'a global <tls:context> without a name cannot be used',
    fix: 'name it, and refer to it with tlsContext="…"',
  },
  'insecure-trust-store': {
    meaning: 'an insecure trust store (warning): client certificates are not validated',
    example: 'the trust store is insecure: any client certificate is accepted, without validation',
    fix: 'remove insecure="true" to check client certificates against the trust store',
  },
  'tls-settings-refused': {
    meaning: 'OpenSSL refused the TLS settings as a whole',
    example: 'TLS settings refused by OpenSSL: no cipher match',
    fix: 'fix the protocols, cipher suites or stores the message names',
  },
  'unsupported-store-type': {
    meaning: 'a store type Node.js cannot read (JKS, JCEKS …)',
    example: '"server.jks" is a JKS key store, which Node.js cannot read; convert it to PKCS#12 and write type="pkcs12"',
    fix: 'convert it with the keytool command of the hint',
  },
  'unknown-store-type': {
    meaning: 'a key store type that does not exist',
    example: 'unknown key store type "pkcs"',
    fix: 'use one of pkcs12, pem, jks, jceks',
  },
  'store-type-mismatch': {
    meaning: 'a store file whose content is not of its declared type',
    example: 'key store "server.pem" is PEM text: write type="pem"',
    fix: 'write the type the message says',
  },
  'empty-trust-store': {
    meaning: 'a PEM trust store without certificates',
    example: 'trust store "ca.pem" holds no PEM certificate',
    fix: 'give a file of -----BEGIN CERTIFICATE----- blocks, the CAs to trust',
  },
  'no-tls13-cipher-suite': {
    meaning: 'TLSv1.3 only, but no TLS 1.3 cipher suite enabled',
    example: 'enabledProtocols is TLSv1.3 only, but enabledCipherSuites lists no TLS 1.3 suite (TLS_AES_128_GCM_SHA256 …)',
    fix: 'add a TLS 1.3 suite, or enable TLSv1.2 too',
  },
  'unknown-tls-version': {
    meaning: 'enabledProtocols names a TLS version Node.js does not support',
    example: 'enabledProtocols: "TLSv1.4" is not a TLS version Node.js supports',
    fix: 'use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3',
  },
  'tls-version-range': {
    meaning: 'enabledProtocols skips a version, which Node.js enables anyway (warning)',
    example: 'enabledProtocols: Node.js enables a range of versions, so TLSv1.2 is enabled too',
    fix: 'list a contiguous range of versions',
  },
  'obsolete-tls-version': {
    meaning: 'TLS 1.0 or 1.1 enabled (warning)',
    example: 'enabledProtocols: TLSv1 and TLSv1.1 are obsolete (RFC 8996) and refused by most clients',
    fix: 'enable TLSv1.2 and TLSv1.3 only',
  },
  'unknown-cipher-suite': {
    meaning: 'a cipher suite Node.js does not support',
    example: 'enabledCipherSuites: "TLS_FOO" is not a cipher suite Node.js supports',
    fix: 'give IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) or OpenSSL names',
  },
  'alias-not-selectable': {
    meaning: 'alias names a key of a PKCS#12 file other than its first, which Node.js cannot select',
    example: 'Node.js serves the first key of a PKCS#12 file ("a") and cannot select "b", its key number 2',
    fix: 'export the key into a file of its own',
  },
  'unknown-key-alias': {
    meaning: 'alias names no key of the store',
    example: 'key store "server.p12" has no key named "srv"; its keys: server',
    fix: 'give one of the listed aliases',
  },
  'alias-not-checked': {
    meaning: 'the aliases of a key store cannot be read, so alias is not checked (warning)',
    example: 'flowrt cannot read the aliases of "server.p12": the first key of the file is served, whatever alias="srv" says',
    fix: 'make sure the key to serve is the first of the file',
  },
  'key-store-without-key': {
    meaning: 'a key store without a private key',
    example: 'key store "server.p12" holds no private key, only certificates',
    fix: 'export key and certificate together: openssl pkcs12 -export -inkey server.key -in server.crt -out server.p12',
  },
  'key-store-without-certificate': {
    meaning: 'a PEM key store without a certificate',
    example: 'key store "server.pem" holds no certificate',
    fix: 'put the certificate (and its chain) in the file after the key',
  },
  'invalid-key-store': {
    meaning: 'a key store that cannot be loaded (not PKCS#12, several PEM keys, an unreadable key or certificate)',
    example: 'key store "server.p12" is not a PKCS#12 file (wrong tag)',
    fix: 'give a PKCS#12 file, or a PEM file with one key and its certificate chain',
  },
  'certificate-key-mismatch': {
    meaning: 'the certificate of a key store is not the one issued for its key',
    example: 'the certificate of key store "server.p12" does not match its private key',
    fix: 'put the certificate issued for this key first',
  },
  'missing-key-password': {
    meaning: 'an encrypted PEM private key without keyPassword',
    example: 'the private key in "server.pem" is encrypted: give its password as keyPassword',
    fix: 'add keyPassword="…"',
  },
  'wrong-key-password': {
    meaning: 'keyPassword does not decrypt the private key',
    example: 'wrong keyPassword for the private key in "server.pem"',
    fix: "give the key's password",
  },
  'wrong-store-password': {
    meaning: 'password does not open the key store',
    example: 'wrong password for key store "server.p12"',
    fix: 'give the store password (keytool -storepass, openssl pkcs12 -passout)',
  },
  'legacy-key-store-encryption': {
    meaning: 'a PKCS#12 file encrypted with a legacy algorithm OpenSSL 3 no longer reads',
    example: 'key store "server.p12" is encrypted with a legacy algorithm (RC2/40-bit) OpenSSL 3 no longer reads',
    fix: 're-export it with AES (openssl pkcs12 … -legacy to read, then export without it)',
  },
  'certificate-expired': {
    meaning: 'the served certificate has expired (warning)',
    example: 'the certificate (CN=api.example.com) expired on 2024-01-01T00:00:00.000Z: clients will refuse it',
    fix: 'renew it',
  },
  'certificate-not-yet-valid': {
    meaning: 'the served certificate is not valid yet (warning)',
    example: 'the certificate (CN=api.example.com) is not valid before 2030-01-01T00:00:00.000Z: clients will refuse it until then',
    fix: 'check the clock, or serve a certificate valid now',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
