import type { AppSettings } from '../runtime/app.js';
import { DEFAULT_SETTINGS } from '../runtime/app.js';
import type { GlobalType } from '../spi/component.js';
import { EXPIRATION_POLICY } from '../spi/mule-parameters.js';

/*
 * Core global elements read before build: properties and imports shape what is built, so the
 * loader handles them; their specs here make them checked like any other element.
 */

export const configurationProperties: GlobalType = {
  element: 'configuration-properties',
  spec: { attributes: { file: { kind: 'literal', required: true }, encoding: { kind: 'literal' } } },
  build: () => undefined,
};

export const globalProperty: GlobalType = {
  element: 'global-property',
  spec: { attributes: { name: { kind: 'literal', required: true }, value: { kind: 'literal', required: true } } },
  build: () => undefined,
};

export const importFile: GlobalType = {
  element: 'import',
  spec: { attributes: { file: { kind: 'literal', required: true } } },
  build: () => undefined,
};

/** `<configuration>`: only the settings flowrt acts on are accepted. */
export const configuration: GlobalType = {
  element: 'configuration',
  spec: {
    attributes: {
      'defaultErrorHandler-ref': { kind: 'literal' },
      shutdownTimeout: { kind: 'literal', type: 'integer', default: '5000' },
      defaultResponseTimeout: { kind: 'literal', type: 'integer', default: '10000' },
      defaultTransactionTimeout: { kind: 'literal', type: 'integer', doc: 'Accepted: flowrt has no transactions.' },
      maxQueueTransactionFilesSize: { kind: 'literal', type: 'integer', doc: 'Accepted: flowrt has no transactional queue files.' },
      'defaultObjectSerializer-ref': { kind: 'literal', doc: 'Accepted: flowrt serializes no Java objects.' },
      inheritIterableRepeatability: { kind: 'literal', type: 'boolean', doc: 'Accepted: every collection flowrt holds can be read any number of times.' },
    },
    children: {
      'dynamic-config-expiration': {
        attributes: { frequency: { kind: 'literal', type: 'integer' }, timeUnit: EXPIRATION_POLICY.attributes.timeUnit! },
        children: { 'expiration-policy': EXPIRATION_POLICY },
        doc: 'Accepted: flowrt makes no dynamic configuration instances to expire.',
      },
    },
    notYet: {
      correlationIdGeneratorExpression: "flowrt takes the caller's X-Correlation-ID or generates a UUID",
    },
  },
  build: (node): AppSettings => ({
    shutdownTimeout: node.int('shutdownTimeout') ?? DEFAULT_SETTINGS.shutdownTimeout,
    defaultResponseTimeout: node.int('defaultResponseTimeout') ?? DEFAULT_SETTINGS.defaultResponseTimeout,
  }),
};
