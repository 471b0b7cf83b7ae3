import type { GlobalType } from '../spi/component.js';

/**
 * `<secure-properties:config name file key encoding fileLevelEncryption>` with its
 * `<secure-properties:encrypt algorithm mode useRandomIVs>`: like configuration-properties, read
 * by the loader before build (src/properties/secure/), which also checks the algorithm and mode;
 * this spec makes its attributes checked like any other element's.
 * https://docs.mulesoft.com/mule-runtime/latest/secure-configuration-properties
 */
export const securePropertiesConfig: GlobalType = {
  element: 'secure-properties:config',
  spec: {
    attributes: {
      name: { kind: 'literal', required: true },
      file: { kind: 'literal', required: true },
      key: { kind: 'literal', required: true, doc: 'the decryption key; write key="${secure.key}" and pass it when the app starts' },
      encoding: { kind: 'literal', default: 'UTF-8' },
      fileLevelEncryption: { kind: 'literal', type: 'boolean', default: 'false' },
    },
    children: {
      'secure-properties:encrypt': {
        attributes: {
          algorithm: { kind: 'literal', default: 'AES' },
          mode: { kind: 'literal', default: 'CBC' },
          useRandomIVs: { kind: 'literal', type: 'boolean', default: 'false' },
        },
      },
    },
  },
  build: () => undefined,
};
