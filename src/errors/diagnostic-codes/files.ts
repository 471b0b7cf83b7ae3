import type { CodeDoc } from './code-doc.js';

/** Flow files, imports and the files an app names: each code with what it means, a message it comes with and what to do. */
export const FILE_CODES = {
  'malformed-xml': {
    meaning: 'a flow file is not well-formed XML',
    example: 'malformed XML: "<" in an attribute value',
    fix: 'fix the markup at the caret; the hint says which escape to write (&lt; &amp; …)',
  },
  doctype: {
    meaning: 'a flow file has a DOCTYPE, which flowrt never reads',
    example: 'a flow file cannot have a DOCTYPE: flowrt never reads DTDs nor the entities they declare',
    fix: 'remove the <!DOCTYPE …> declaration; write characters as &#…; references',
  },
  'too-deep': {
    meaning: 'elements are nested deeper than flowrt reads',
    example: '<choice> is nested more than 100 elements deep, deeper than flowrt reads',
    fix: 'move the inner part to a flow of its own and call it with <flow-ref>',
  },
  'empty-file': {
    meaning: 'a flow file is empty',
    example: 'the file is empty; a flow file starts with <mule>',
    fix: 'write a <mule> root element, or delete the file',
  },
  'bad-root': {
    meaning: "the root element is not Mule's <mule>",
    example: "the root element must be <mule> in Mule's core namespace, not <beans>",
    fix: 'start the file with <mule xmlns="http://www.mulesoft.org/schema/mule/core">',
  },
  'undeclared-prefix': {
    meaning: 'an element or attribute uses a namespace prefix the file does not declare',
    example: 'namespace prefix "http" of <http:listener> is not declared',
    fix: 'declare it on <mule>, e.g. xmlns:http="http://www.mulesoft.org/schema/mule/http"',
  },
  'invalid-encoding': {
    meaning: 'a file names a character encoding Node.js cannot decode',
    example: '"EBCDIC" is not an encoding flowrt can read config.yaml in',
    fix: 'use an encoding Node.js knows (UTF-8, ISO-8859-1, UTF-16LE …)',
  },
  'no-flows': {
    meaning: 'the app has no flow files',
    example: './my-app has no flows/ folder',
    fix: 'keep the Mule XML flow files in flows/ (or src/main/mule/)',
  },
  'missing-import': {
    meaning: 'an <import> names a file the app does not have',
    example: 'imported file "common.xml" does not exist in the app',
    fix: 'fix the file name; paths are relative to the flows folder',
  },
  'missing-resource': {
    meaning: 'a file an element names does not exist',
    example: 'resource "scripts/order.jsonata" does not exist in the app',
    fix: 'fix the path: relative to the app folder (or src/main/resources), or absolute where the element allows it',
  },
  'unreadable-file': {
    meaning: 'a file exists but cannot be read',
    example: 'key store file "server.p12" cannot be read as bytes: EACCES',
    fix: 'give the process read access to the file',
  },
  'missing-config-file': {
    meaning: 'a <configuration-properties> file does not exist',
    example: 'configuration properties file "dev.yaml" does not exist in the app',
    fix: 'add the file, or fix its name',
  },
  'missing-env-file': {
    meaning: '--env names an environment without a properties file (warning)',
    example: '--env prod: config.prod.yaml does not exist; only config.yaml and --prop apply',
    fix: 'add config.<env>.yaml, or drop --env',
  },
  'reload-failed': {
    meaning: 'a changed app could not be reloaded; the last good version keeps serving',
    example: 'EACCES: permission denied; the last good version keeps serving',
    fix: 'fix the reported cause and save again',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
