import type { CodeDoc } from './code-doc.js';

/** HTTP listeners and requests: each code with what it means, a message it comes with and what to do. */
export const HTTP_CODES = {
  'listener-port-out-of-range': {
    meaning: 'a listener port outside 0-65535',
    example: 'port 70000 is out of range (0-65535)',
    fix: 'give a port from 1 to 65535 (0 takes any free port)',
  },
  'negative-body-size': {
    meaning: 'a negative maxRequestBodySize',
    example: 'maxRequestBodySize -1 is negative',
    fix: 'give the largest request body to accept, in bytes (0 accepts none)',
  },
  'invalid-listener-path': {
    meaning: 'an http:listener path that cannot be routed',
    example: 'invalid listener path "/orders/{id": unclosed {',
    fix: 'fix the path: segments, {params} and a trailing /*',
  },
  'url-not-absolute': {
    meaning: 'a URL that must be absolute is not',
    example: 'url "/orders" is not an absolute URL',
    fix: 'write scheme and host: https://api.example.com/orders',
  },
  'url-or-path-required': {
    meaning: 'an http:request with neither url nor path, or with both',
    example: '<http:request> needs either url or path (with a config-ref whose connection names a host)',
    fix: 'give one of url or path',
  },
  'path-without-host': {
    meaning: 'an http:request path without a config whose connection names a host',
    example: 'path needs a config-ref to an http:request-config whose http:request-connection names a host',
    fix: 'give the config a host, or write a full url',
  },
  'conflicting-authentication': {
    meaning: 'more than one kind of authentication in one connection',
    example: '<http:authentication> takes one kind of authentication',
    fix: 'keep one',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
