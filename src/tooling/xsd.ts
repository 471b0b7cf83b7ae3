import { NAMESPACES } from '../model/namespaces.js';
import type { ElementSpec } from '../spi/spec.js';
import { ERROR_HANDLER_SPEC, GLOBAL_ON_ERROR_SPEC } from '../assembly/error-handlers.js';
import { FLOW_SPEC, SUB_FLOW_SPEC } from '../assembly/flows.js';
import type { Registry } from '../assembly/registry.js';
import { defaultRegistry } from '../assembly/registry.js';
import type { Extras, ForeignSink, XNode } from './xsd-spec.js';
import { annotation, complexType, escapeXml, localOf, prefixOf, render, xs } from './xsd-spec.js';

/** The abstract heads every component joins, as in Mule's own mule.xsd. */
const HEADS = {
  processor: 'abstract-message-processor',
  source: 'abstract-message-source',
  global: 'abstract-global-element',
} as const;

/**
 * XML Schemas for flow files, one per namespace the registry implements elements in, generated
 * so that what an editor accepts is what flowrt builds. Core holds `<mule>`, flows, error
 * handlers and the abstract heads; other namespaces import it and join the heads through
 * substitution groups, as Mule's schemas do.
 *
 * @example
 * ```ts
 * for (const [file, text] of generateSchemas()) writeFileSync(`schemas/${file}`, text);
 * ```
 */
export function generateSchemas(registry: Registry = defaultRegistry()): Map<string, string> {
  const declarations = new Map<string, XNode[]>([['core', coreDeclarations()]]);
  const references = new Map<string, Set<string>>();
  const foreign = new Set<string>();
  const add = (prefix: string, node: XNode): void => {
    if (!NAMESPACES[prefix]) throw new Error(`prefix "${prefix}" has no namespace in model/namespaces.ts`);
    if (!declarations.has(prefix)) declarations.set(prefix, []);
    declarations.get(prefix)!.push(node);
  };
  // Parameters of another namespace become global elements of that namespace's schema.
  const sinkFor =
    (owner: string): ForeignSink =>
    (key, spec) => {
      if (!references.has(owner)) references.set(owner, new Set());
      references.get(owner)!.add(prefixOf(key));
      // Declared once: as a parameter of another namespace, or already as a global element of its own.
      if (foreign.has(key) || registry.globals.has(key)) return;
      foreign.add(key);
      add(prefixOf(key), xs('element', { name: localOf(key) }, [annotation(spec.doc), complexType(key, spec, {}, undefined, sinkFor(prefixOf(key)))]));
    };
  const declare = (key: string, spec: ElementSpec, head: string, extras?: Extras): void => {
    const prefix = prefixOf(key);
    add(
      prefix,
      xs('element', { name: localOf(key), substitutionGroup: `mule:${head}` }, [
        annotation(spec.doc),
        complexType(key, spec, extras, undefined, sinkFor(prefix)),
      ]),
    );
  };
  for (const [key, type] of sorted(registry.globals)) declare(key, type.spec, HEADS.global);
  for (const [key, type] of sorted(registry.sources)) declare(key, type.spec, HEADS.source);
  for (const [key, type] of sorted(registry.steps)) declare(key, type.spec, HEADS.processor, { errorHandler: type.spec.errorHandler });
  return new Map(schemaPrefixes(registry).map((prefix) => [schemaFile(prefix), schemaDocument(prefix, declarations.get(prefix)!, references.get(prefix))]));
}

/**
 * An OASIS XML catalog sending the schema URLs Mule files name in xsi:schemaLocation, and the
 * namespace URIs themselves, to the generated files beside it. `system` serves resolvers that
 * look schema locations up as system ids, `uri` the ones that look up URIs and namespaces.
 */
export function generateCatalog(registry: Registry = defaultRegistry()): string {
  const entries = schemaPrefixes(registry).flatMap((prefix) => {
    const file = schemaFile(prefix);
    return [
      `  <system systemId="${escapeXml(muleSchemaUrl(prefix))}" uri="${file}"/>`,
      `  <uri name="${escapeXml(muleSchemaUrl(prefix))}" uri="${file}"/>`,
      `  <uri name="${escapeXml(NAMESPACES[prefix]!)}" uri="${file}"/>`,
    ];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${GENERATED} -->`,
    '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">',
    ...entries,
    '</catalog>',
    '',
  ].join('\n');
}

/** The URL Anypoint Studio writes in xsi:schemaLocation for a namespace. */
function muleSchemaUrl(prefix: string): string {
  return `${NAMESPACES[prefix]}/current/${prefix === 'core' ? 'mule' : `mule-${prefix}`}.xsd`;
}

function schemaFile(prefix: string): string {
  return `mule-${prefix}.xsd`;
}

const GENERATED = 'Generated from the flowrt component registry (src/tooling/xsd.ts) by `npm run schemas`: do not edit.';

function schemaDocument(prefix: string, declarations: readonly XNode[], references: ReadonlySet<string> = new Set()): string {
  const ns = NAMESPACES[prefix]!;
  const imports = [...new Set(['core', ...references])].filter((p) => p !== prefix).sort(byCodePoint);
  const prefixes = Object.fromEntries([prefix, ...imports].filter((p) => p !== 'core').map((p) => [`xmlns:${p}`, NAMESPACES[p]]));
  const schema = xs(
    'schema',
    {
      'xmlns:xs': 'http://www.w3.org/2001/XMLSchema',
      'xmlns:mule': NAMESPACES.core,
      ...prefixes,
      targetNamespace: ns,
      elementFormDefault: 'qualified',
      attributeFormDefault: 'unqualified',
    },
    [...imports.map((p) => xs('import', { namespace: NAMESPACES[p], schemaLocation: schemaFile(p) })), ...declarations],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${GENERATED} -->\n${render(schema)}`;
}

/** `<mule>`, flows, error handlers, the abstract heads and the value types every schema uses. */
function coreDeclarations(): XNode[] {
  const globalHandler: ElementSpec = {
    ...ERROR_HANDLER_SPEC,
    // build-app.ts rejects a global error-handler without a name: nothing could refer to it.
    attributes: { ...ERROR_HANDLER_SPEC.attributes, name: { kind: 'literal', required: true } },
  };
  const local = (name: string, spec: ElementSpec, doc: string, extras?: Extras): XNode =>
    xs('element', { name }, [annotation(doc), complexType(name, spec, extras)]);
  const mule = xs('element', { name: 'mule' }, [
    annotation('A flowrt app file: global elements, flows, sub-flows and global error handlers, in any order.'),
    xs('complexType', {}, [
      xs('choice', { minOccurs: '0', maxOccurs: 'unbounded' }, [
        xs('element', { ref: `mule:${HEADS.global}` }),
        local('flow', FLOW_SPEC, 'A flow: an optional message source first, then processors, then an optional error-handler.', {
          source: true,
          errorHandler: true,
        }),
        local('sub-flow', SUB_FLOW_SPEC, 'Processors called with flow-ref; errors go to the caller.'),
        local('error-handler', globalHandler, 'A global error handler, referenced by error-handler ref or configuration defaultErrorHandler-ref.'),
        local('on-error-continue', GLOBAL_ON_ERROR_SPEC, 'A global on-error-continue, referenced by on-error ref.'),
        local('on-error-propagate', GLOBAL_ON_ERROR_SPEC, 'A global on-error-propagate, referenced by on-error ref.'),
      ]),
      xs('anyAttribute', { namespace: '##other', processContents: 'lax' }),
    ]),
  ]);
  return [
    xs('element', { name: HEADS.processor, abstract: 'true' }, [annotation('Any processor: the elements that may stand in a flow, sub-flow or scope.')]),
    xs('element', { name: HEADS.source, abstract: 'true' }, [annotation('Any message source: the first element of a flow.')]),
    xs('element', { name: HEADS.global, abstract: 'true' }, [annotation('Any named global element declared directly under <mule>.')]),
    xs('group', { name: 'processors' }, [xs('sequence', {}, [xs('element', { ref: `mule:${HEADS.processor}`, minOccurs: '0', maxOccurs: 'unbounded' })])]),
    ...valueTypes(),
    mule,
    xs('element', { name: 'error-handler' }, [
      annotation('Handles the errors of its flow or try: on-error scopes inline, or ref to a global error-handler.'),
      complexType('error-handler', ERROR_HANDLER_SPEC),
    ]),
  ];
}

function valueTypes(): XNode[] {
  const pattern = (name: string, regex: string, doc: string): XNode =>
    xs('simpleType', { name }, [annotation(doc), xs('restriction', { base: 'xs:string' }, [xs('pattern', { value: regex })])]);
  const union = (name: string, members: string): XNode => xs('simpleType', { name }, [xs('union', { memberTypes: members })]);
  return [
    pattern('propertyPlaceholderType', '[\\s\\S]*\\$\\{[^\\}]+\\}[\\s\\S]*', 'A value with ${property} placeholders, substituted when the app loads.'),
    pattern('expressionType', '\\s*#\\[[\\s\\S]*\\]\\s*', 'A #[ ] expression, evaluated per event.'),
    pattern('nonBlankString', '[\\s\\S]*\\S[\\s\\S]*', 'Text that is not empty.'),
    xs('simpleType', { name: 'literalBoolean' }, [
      xs('restriction', { base: 'xs:token' }, [xs('enumeration', { value: 'true' }), xs('enumeration', { value: 'false' })]),
    ]),
    union('substitutableInt', 'xs:integer mule:propertyPlaceholderType'),
    union('substitutableBoolean', 'mule:literalBoolean mule:propertyPlaceholderType'),
  ];
}

/** By key, so the files change only when the registry's content does, never its listing order. */
function sorted<T>(map: ReadonlyMap<string, T>): Array<[string, T]> {
  return [...map].sort(([a], [b]) => byCodePoint(a, b));
}

/** Core first (the others import it), then the rest by name: every namespace an element of the registry uses. */
function schemaPrefixes(registry: Registry): string[] {
  const prefixes = new Set<string>();
  const visit = (key: string, spec: ElementSpec): void => {
    prefixes.add(prefixOf(key));
    for (const [k, c] of Object.entries(spec.children ?? {})) visit(k, c);
  };
  for (const types of [registry.globals, registry.sources, registry.steps]) for (const [key, type] of types) visit(key, type.spec);
  prefixes.delete('core');
  return ['core', ...[...prefixes].sort(byCodePoint)];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
