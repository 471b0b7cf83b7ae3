import type { CodeDoc } from './code-doc.js';

/** Properties and secure properties: each code with what it means, a message it comes with and what to do. */
export const PROPERTY_CODES = {
  'missing-property': {
    meaning: 'a ${name} placeholder names a property nobody defines (a warning when it must be given where the app runs)',
    example: 'property "db.host" is not defined',
    fix: 'define it in config.yaml, with --prop db.host=… or as an environment variable',
  },
  'invalid-property': {
    meaning: 'a property has a value that cannot be used, or secure properties refer to each other in a cycle',
    example: 'flowrt.limits.maxRetries "many" is not a whole number of at least 1',
    fix: 'give the value the message asks for, or leave the property out for its default',
  },
  'unsupported-property': {
    meaning: 'a property form flowrt does not support yet',
    example: 'secure property ${secure::db.password} is not supported by flowrt yet',
    fix: 'pass the value with --prop or an environment variable',
  },
  'invalid-yaml': {
    meaning: 'a YAML file (properties, api-manager.yaml, a users file) cannot be parsed',
    example: 'invalid YAML: Nested mappings are not allowed in compact mappings',
    fix: 'fix the YAML at the reported line',
  },
  'secure-no-config': {
    meaning: 'a ${secure::…} placeholder in an app without <secure-properties:config>',
    example: '${secure::db.password} needs a <secure-properties:config>, and the app declares none',
    fix: 'declare <secure-properties:config file="secure.yaml" key="${secure.key}">',
  },
  'secure-property-undefined': {
    meaning: 'a ${secure::name} the secure files do not define',
    example: 'secure property "db.pasword" is not defined in secure.yaml; did you mean "db.password"?',
    fix: 'fix the name, or add the property to the secure file',
  },
  'secure-property-ambiguous': {
    meaning: 'two secure files define the same property (warning)',
    example: 'secure property "db.password" is defined in both a.yaml and b.yaml: ${secure::db.password} gives a.yaml\'s value',
    fix: 'keep the property in one file',
  },
  'secure-file-missing': {
    meaning: 'the file of a <secure-properties:config> does not exist',
    example: 'secure properties file "secure.yaml" does not exist in the app',
    fix: 'add the file, or fix file="…"',
  },
  'secure-key-undefined': {
    meaning: 'the key of a <secure-properties:config> comes from a property nobody defines',
    example: 'the key of <secure-properties:config> comes from property "secure.key", which is not defined',
    fix: 'give the key where the app runs: --prop secure.key=… or an environment variable',
  },
  'secure-key-literal': {
    meaning: 'the key of a secure file is written in the XML (warning)',
    example: 'the key of <secure-properties:config> is written in the XML: anyone who can read the app can decrypt its secure file',
    fix: 'write key="${secure.key}" and give the key where the app runs',
  },
  'secure-key-invalid': {
    meaning: 'the key does not fit the algorithm',
    example: 'the key does not fit AES: a 16, 24 or 32 byte key is needed',
    fix: 'give a key of a length the algorithm takes',
  },
  'secure-key-wrong': {
    meaning: "the key decrypts none of the file's values",
    example: 'the key does not decrypt secure.yaml: none of its 3 encrypted values does',
    fix: 'give the key the file was encrypted with, and the same algorithm and mode',
  },
  'secure-decrypt-failed': {
    meaning: 'one value (or the whole file) does not decrypt',
    example: 'the key does not decrypt "db.password" in secure.yaml: the decrypted value has no valid padding',
    fix: "re-encrypt the value with the app's key, algorithm and mode",
  },
  'secure-algorithm-unknown': {
    meaning: 'algorithm="…" is not an algorithm of Mule\'s secure properties',
    example: 'algorithm="AESS" is not an algorithm of Mule\'s secure properties; did you mean "AES"?',
    fix: "use one of Mule's algorithm names",
  },
  'secure-algorithm-unsupported': {
    meaning: 'a Mule secure-properties algorithm flowrt does not support yet',
    example: 'algorithm="Camellia" is not supported by flowrt yet, use AES or Blowfish',
    fix: 're-encrypt with AES or Blowfish',
  },
  'secure-mode-unknown': {
    meaning: 'mode="…" is not a mode of Mule\'s secure properties',
    example: 'mode="XYZ" must be one of CBC, CFB, ECB, OFB',
    fix: 'use one of the listed modes',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
