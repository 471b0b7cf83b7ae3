import type { FormatId } from './mime.js';

const COMMON = ['encoding', 'bufferSize', 'deferred', 'streaming'];

/** The reader and writer properties DataWeave documents per format (docs.mulesoft.com, "DataWeave Formats"). */
export const KNOWN_PROPERTIES: Readonly<Record<FormatId, readonly string[]>> = {
  json: [...COMMON, 'indent', 'skipNullOn', 'duplicateKeyAsArray', 'writeAttributes'],
  java: [...COMMON, 'onlyData'],
  text: COMMON,
  binary: COMMON,
  xml: [
    ...COMMON,
    'collectionPath',
    'externalEntities',
    'indexedReader',
    'maxAttributeSize',
    'maxEntityCount',
    'nullValueOn',
    'optimizeFor',
    'supportDtd',
    'defaultNamespace',
    'doubleQuoteInDeclaration',
    'escapeCR',
    'escapeGT',
    'indent',
    'inlineCloseOn',
    'onInvalidChar',
    'skipNullOn',
    'writeDeclaration',
    'writeDeclaredNamespaces',
    'writeNilOnNull',
  ],
  csv: [
    ...COMMON,
    'bodyStartLineNumber',
    'escape',
    'header',
    'headerLineNumber',
    'ignoreEmptyLine',
    'quote',
    'separator',
    'lineSeparator',
    'quoteHeader',
    'quoteValues',
  ],
  urlencoded: COMMON,
  multipart: [...COMMON, 'boundary', 'defaultContentType'],
  dw: [...COMMON, 'indent', 'ignoreSchema', 'onlyData'],
};
