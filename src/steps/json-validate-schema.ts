import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { Ajv, AnySchemaObject, ErrorObject, Options, ValidateFunction } from 'ajv';
import { JSON_ERRORS } from '../errors/catalog/index.js';
import type { DiagnosticCode } from '../errors/diagnostic-codes.js';
import { FlowError } from '../errors/flow-error.js';
import type { Value } from '../expr/value.js';
import { isJsonMediaType } from '../runtime/media-type.js';
import type { FlowEvent } from '../runtime/event.js';
import type { ComponentNode, StepType } from '../spi/component.js';
import { ERROR_MAPPING } from '../spi/mule-parameters.js';

const require = createRequire(import.meta.url);

interface AjvModules {
  readonly Ajv: typeof import('ajv').Ajv;
  readonly Ajv2019: typeof import('ajv/dist/2019.js').Ajv2019;
  readonly Ajv2020: typeof import('ajv/dist/2020.js').Ajv2020;
  readonly AjvDraft04: typeof import('ajv-draft-04').default;
  readonly addFormats: typeof import('ajv-formats').default;
}
let modules: AjvModules | undefined;

/**
 * Ajv, its drafts and formats, required the first time a schema is compiled: they are a tenth of a
 * second of imports that an app without <json:validate-schema> (most apps) never needs. The
 * packages are CommonJS, so a synchronous require serves the synchronous build.
 */
function ajv(): AjvModules {
  return (modules ??= {
    Ajv: (require('ajv') as typeof import('ajv')).Ajv,
    Ajv2019: (require('ajv/dist/2019.js') as typeof import('ajv/dist/2019.js')).Ajv2019,
    Ajv2020: (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020,
    // CommonJS whose types declare `export default`: the class is the module's `default`.
    AjvDraft04: (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default,
    addFormats: (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default,
  });
}

/**
 * `<json:validate-schema schema>`: validates the payload (a parsed structure, or JSON text) against
 * a JSON Schema file of the app, compiled once at load with Ajv in the draft its `$schema` names
 * (draft-04 without one, as Mule's JSON module assumes). Every violation is listed in
 * JSON:SCHEMA_NOT_HONOURED; input that is not JSON is JSON:INVALID_INPUT_JSON. The payload is
 * not changed.
 */
export const jsonValidateSchema: StepType = {
  element: 'json:validate-schema',
  spec: {
    attributes: {
      schema: {
        kind: 'literal',
        expressionInMule: true,
        required: true,
        doc: 'The schema file, relative to the app folder or src/main/resources (classpath: and resource: prefixes are accepted).',
      },
      dereferencing: {
        kind: 'literal',
        expressionInMule: true,
        values: ['CANONICAL', 'INLINE'],
        default: 'CANONICAL',
        doc: 'Accepted for Mule compatibility; no effect.',
      },
      allowDuplicateKeys: {
        kind: 'literal',
        expressionInMule: true,
        type: 'boolean',
        default: 'true',
        doc: 'Only true is supported: a repeated key keeps its last value.',
      },
      allowArbitraryPrecision: { kind: 'literal', expressionInMule: true, type: 'boolean', default: 'false', doc: 'Numbers are read as doubles.' },
    },
    children: {
      'json:content': { attributes: {}, text: 'expression-supported', doc: 'The document to validate (default: the payload).' },
      'error-mapping': ERROR_MAPPING,
    },
    doc: 'Validates a JSON document against a JSON Schema; raises JSON:SCHEMA_NOT_HONOURED listing every violation.',
  },
  throws: [JSON_ERRORS.SCHEMA_NOT_HONOURED, JSON_ERRORS.INVALID_INPUT_JSON],
  build(node) {
    const attr = node.element.attrs.get('schema');
    const content = node.child('json:content')?.text();
    if (!attr) return undefined;
    if (node.bool('allowDuplicateKeys') === false) {
      node.error(
        'unsupported-value',
        'allowDuplicateKeys="false" is not supported yet: a repeated key keeps its last value',
        undefined,
        node.element.attrs.get('allowDuplicateKeys')!.valueLoc,
      );
    }
    if (node.bool('allowArbitraryPrecision') === true) {
      node.warn(
        'ignored-setting',
        'allowArbitraryPrecision has no effect: flowrt reads JSON numbers as doubles',
        undefined,
        node.element.attrs.get('allowArbitraryPrecision')!.valueLoc,
      );
    }
    const validate = compileSchema(node, attr.value);
    if (!validate) return undefined;
    return {
      location: node.location,
      async process(event) {
        const document = await input(event, content);
        if (!validate(document)) {
          const problems = (validate.errors ?? []).map(problem);
          const list = problems.map((p) => `\n- ${p.pointer === '' ? '(root)' : p.pointer}: ${p.message}`).join('');
          throw new FlowError(JSON_ERRORS.SCHEMA_NOT_HONOURED, `Json content is not compliant with schema ${attr.value}:${list}`, {
            errorMessage: { payload: problems, attributes: undefined, mediaType: 'application/json' },
          });
        }
        return event;
      },
    };
  },
};

/** One violation: the JSON pointer of the offending value and what is wrong with it. */
interface Problem {
  readonly pointer: string;
  readonly message: string;
  readonly keyword: string;
  readonly schemaPath: string;
}

function problem(e: ErrorObject): Problem {
  let message = e.message ?? e.keyword;
  if (e.keyword === 'additionalProperties') message += ` ('${(e.params as { additionalProperty: string }).additionalProperty}')`;
  if (e.keyword === 'enum') message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return { pointer: e.instancePath, message, keyword: e.keyword, schemaPath: e.schemaPath };
}

/**
 * The document to validate: a structure as it is; text (or bytes) parsed as JSON, unless its media
 * type says it is JSON already, which makes it a JSON string the reader has decoded.
 */
async function input(event: FlowEvent, content: Value | undefined): Promise<unknown> {
  const value = content ? await content.evaluate(event) : event.payload;
  const mediaType = content ? undefined : event.message.mediaType;
  if (typeof value === 'string' && isJsonMediaType(mediaType)) return value;
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) return value ?? null;
  const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FlowError(JSON_ERRORS.INVALID_INPUT_JSON, `Input content was not a valid Json document: ${(e as Error).message}`, { cause: e });
  }
}

interface Draft {
  readonly name: string;
  readonly meta: string;
  create(options: Options): Ajv;
}

const DRAFTS: ReadonlyArray<readonly [RegExp, Draft]> = [
  [/draft-0?4\b/, { name: 'draft-04', meta: 'http://json-schema.org/draft-04/schema#', create: (o) => new (ajv().AjvDraft04)(o) }],
  [
    /draft-0?6\b/,
    {
      name: 'draft-06',
      meta: 'http://json-schema.org/draft-06/schema#',
      create: (o) => new (ajv().Ajv)(o).addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject),
    },
  ],
  [/draft-0?7\b/, { name: 'draft-07', meta: 'http://json-schema.org/draft-07/schema#', create: (o) => new (ajv().Ajv)(o) }],
  [/draft\/2019-09\//, { name: '2019-09', meta: 'https://json-schema.org/draft/2019-09/schema', create: (o) => new (ajv().Ajv2019)(o) }],
  [/draft\/2020-12\//, { name: '2020-12', meta: 'https://json-schema.org/draft/2020-12/schema', create: (o) => new (ajv().Ajv2020)(o) }],
];

/** The file a Mule schema location names: `classpath:`/`resource:` prefixes and leading slashes dropped. */
function appPath(location: string): string | undefined {
  const path = location
    .trim()
    .replace(/^(?:classpath|resource):/i, '')
    .replace(/^\/+/, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(path) ? undefined : posix.normalize(path);
}

/** A schema file read for compiling: its app path, display path, Ajv key and content. */
interface SchemaFile {
  readonly path: string;
  readonly file: string;
  readonly key: string;
  readonly schema: AnySchemaObject;
}

/**
 * Reads the schema file and the files its relative `$ref`s name, picks the Ajv class of its draft
 * and compiles it, reporting every problem at the `schema` attribute.
 */
function compileSchema(node: ComponentNode, location: string): ValidateFunction | undefined {
  const at = node.element.attrs.get('schema')!.valueLoc;
  const fail = (code: DiagnosticCode, message: string, hint?: string): undefined => void node.error(code, message, hint, at);
  const read = (path: string, key: string): SchemaFile | undefined => {
    const found = node.readResource(path, at);
    if (!found) return undefined;
    let schema: unknown;
    try {
      schema = JSON.parse(found.text);
    } catch (e) {
      return fail('invalid-json-schema', `schema ${found.file} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      return fail('invalid-json-schema', `schema ${found.file} must be a JSON object`);
    return { path, file: found.file, key, schema: schema as AnySchemaObject };
  };

  const path = appPath(location);
  if (!path)
    return fail(
      'schema-outside-app',
      `schema="${location}" is not a file of the app`,
      'flowrt reads schemas from the app folder (or src/main/resources), never over the network',
    );
  const root = read(path, path);
  if (!root) return undefined;
  const written = typeof root.schema.$schema === 'string' ? root.schema.$schema : undefined;
  if (written && /draft-0?3\b/.test(written)) {
    return fail(
      'unsupported-schema-draft',
      `${root.file}: JSON Schema draft-03 is not supported`,
      'declare draft-04 or later in $schema; a draft-03 "required": true moves into the parent\'s "required" array',
    );
  }
  const draft = written === undefined ? DRAFTS[0]![1] : DRAFTS.find(([re]) => re.test(written))?.[1];
  if (!draft)
    return fail(
      'unsupported-schema-draft',
      `${root.file}: unknown $schema "${written}"`,
      'flowrt validates JSON Schema draft-04, draft-06, draft-07, 2019-09 and 2020-12',
    );

  // Files named by relative $refs are read from the app, keyed as Ajv resolves the reference.
  const files = [root];
  const seen = new Set([root.path]);
  for (let i = 0; i < files.length; i++) {
    const from = files[i]!;
    for (const ref of relativeRefs(from.schema)) {
      const target = posix.normalize(posix.join(posix.dirname(from.path), ref));
      if (seen.has(target)) continue;
      seen.add(target);
      const file = read(target, resolveUri(baseOf(from, draft), ref));
      if (!file) return undefined;
      files.push(file);
    }
  }

  const warnings = new Set<string>();
  const log = (...args: unknown[]): void => void warnings.add(args.map(String).join(' '));
  const validator = draft.create({ allErrors: true, strict: false, logger: { log: () => {}, warn: log, error: log } });
  ajv().addFormats(validator);
  try {
    // One Ajv instance speaks one draft: a file that names its own $schema is read in the root's.
    for (const f of files) validator.addSchema(typeof f.schema.$schema === 'string' ? { ...f.schema, $schema: draft.meta } : f.schema, f.key);
    const validate = validator.getSchema(root.key);
    if (!validate) return fail('invalid-json-schema', `${root.file}: the schema could not be compiled`);
    for (const w of warnings) node.warn('json-schema-warning', `${root.file}: ${w}`, undefined, at);
    return validate;
  } catch (e) {
    return fail('invalid-json-schema', `${root.file} is not a valid ${draft.name} JSON Schema: ${(e as Error).message}`);
  }
}

/** The base URI a file's references resolve against: its own absolute `$id` (`id` in draft-04), else its key. */
function baseOf(file: SchemaFile, draft: Draft): string {
  const id = file.schema[draft.name === 'draft-04' ? 'id' : '$id'];
  return typeof id === 'string' && SCHEME.test(id) ? id : file.key;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function resolveUri(base: string, ref: string): string {
  return SCHEME.test(base) ? new URL(ref, base).href : posix.normalize(posix.join(posix.dirname(base), ref));
}

// Values of these keywords are data, not schemas: a "$ref" inside them is no reference.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);
// The keys of these keywords' objects are names (a property may be called "default"), not keywords.
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies']);

/** The file parts of the `$ref`s in a schema that name another file by a relative path. */
function relativeRefs(schema: unknown, out = new Set<string>(), names = false): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) relativeRefs(item, out);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (names) relativeRefs(value, out);
      else if (key === '$ref' && typeof value === 'string') {
        const file = value.split('#', 1)[0]!;
        if (file !== '' && !SCHEME.test(file) && !file.startsWith('/')) out.add(file);
      } else if (!DATA_KEYWORDS.has(key)) relativeRefs(value, out, NAME_MAPS.has(key));
    }
  }
  return out;
}
