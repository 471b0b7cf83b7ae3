import type { ValueKind } from '../expr/value.js';
import type { AttrSpec, ChildSpec, ElementSpec } from '../spi/spec.js';

/** One element of a schema document, written by {@link render}. */
export interface XNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  readonly children: readonly XNode[];
  readonly text?: string;
}

/** An `xs:` element; undefined attributes and children are left out, so callers can write them conditionally. */
export function xs(tag: string, attrs: Record<string, string | undefined> = {}, children: ReadonlyArray<XNode | undefined> = []): XNode {
  return { tag: `xs:${tag}`, attrs, children: children.filter((c): c is XNode => c !== undefined) };
}

export function render(node: XNode, indent = ''): string {
  const attrs = Object.entries(node.attrs)
    .flatMap(([k, v]) => (v === undefined ? [] : [` ${k}="${escapeXml(v)}"`]))
    .join('');
  if (node.text !== undefined) return `${indent}<${node.tag}${attrs}>${escapeXml(node.text)}</${node.tag}>\n`;
  if (node.children.length === 0) return `${indent}<${node.tag}${attrs}/>\n`;
  return `${indent}<${node.tag}${attrs}>\n${node.children.map((c) => render(c, `${indent}  `)).join('')}${indent}</${node.tag}>\n`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The canonical prefix of an element key: `core` for unprefixed keys. */
export function prefixOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? 'core' : key.slice(0, i);
}

export function localOf(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

export function annotation(text: string | undefined): XNode | undefined {
  if (!text) return undefined;
  return xs('annotation', {}, [{ tag: 'xs:documentation', attrs: {}, children: [], text }]);
}

/** Studio's doc:name/doc:id and xsi:schemaLocation ride on every element (isAmbientAttribute). */
const AMBIENT = xs('anyAttribute', { namespace: '##other', processContents: 'lax' });

/** What the generator adds around an element's own spec: flows take a source, flows and try an error-handler. */
export interface Extras {
  readonly source?: boolean;
  readonly errorHandler?: boolean;
}

/**
 * Receives a parameter element of another namespace (`tls:context` inside an HTTP connection): a
 * schema can only declare its own namespace's elements, so that one is declared globally in its
 * own schema and referenced.
 */
export type ForeignSink = (key: string, spec: ChildSpec) => void;

/** The name a schema refers to an element by: core's prefix is `mule` in every schema. */
export function qualified(key: string): string {
  return prefixOf(key) === 'core' ? `mule:${localOf(key)}` : key;
}

/** The complex type of an element: its attributes, parameter children, processors and text. */
export function complexType(key: string, spec: ElementSpec, extras: Extras = {}, name?: string, sink?: ForeignSink): XNode {
  const attributes = [...Object.entries(spec.attributes).map(([n, a]) => attribute(n, a)), AMBIENT];
  const particle = content(key, spec, extras, sink);
  if (spec.text && !particle) {
    return xs('complexType', { name }, [xs('simpleContent', {}, [xs('extension', { base: 'xs:string' }, attributes)])]);
  }
  return xs('complexType', { name, mixed: spec.text ? 'true' : undefined }, [particle, ...attributes]);
}

function content(key: string, spec: ElementSpec, extras: Extras, sink?: ForeignSink): XNode | undefined {
  const params = Object.entries(spec.children ?? {});
  const declare = (k: string, c: ChildSpec): XNode => {
    if (prefixOf(k) === prefixOf(key)) return parameter(k, c, sink);
    if (!sink) throw new Error(`<${key}> declares parameter <${k}> from another namespace, and nothing collects it`);
    sink(k, c);
    return xs('element', { ref: qualified(k), ...occurs(c) });
  };
  const processorLike = spec.processors || extras.source || extras.errorHandler;
  if (!processorLike) {
    if (params.length === 0) return undefined;
    // flowrt accepts parameters in any order; xs:all says so exactly while none repeats (XSD 1.0).
    if (params.every(([, c]) => !repeats(c)))
      return xs(
        'all',
        {},
        params.map(([k, c]) => declare(k, c)),
      );
  }
  return xs('sequence', {}, [
    extras.source ? xs('element', { ref: 'mule:abstract-message-source', minOccurs: '0' }) : undefined,
    ...parameterParticles(params, declare),
    spec.processors ? xs('group', { ref: 'mule:processors' }) : undefined,
    extras.errorHandler ? xs('element', { ref: 'mule:error-handler', minOccurs: '0' }) : undefined,
  ]);
}

/**
 * Repeating parameters first, then the single ones in declaration order. Several repeating kinds
 * (on-error-continue / on-error-propagate) interleave freely, so they become one unbounded choice.
 */
function parameterParticles(params: ReadonlyArray<[string, ChildSpec]>, declare: (k: string, c: ChildSpec) => XNode): XNode[] {
  const repeating = params.filter(([, c]) => repeats(c));
  const single = params.filter(([, c]) => !repeats(c)).map(([k, c]) => declare(k, c));
  if (repeating.length <= 1) return [...repeating.map(([k, c]) => declare(k, c)), ...single];
  const choice = xs(
    'choice',
    { minOccurs: repeating.some(([, c]) => c.required) ? undefined : '0', maxOccurs: 'unbounded' },
    repeating.map(([k, c]) => declare(k, { ...c, required: true, max: 1 })),
  );
  return [choice, ...single];
}

const repeats = (c: ChildSpec): boolean => (c.max ?? 1) > 1;

function parameter(key: string, c: ChildSpec, sink?: ForeignSink): XNode {
  return xs('element', { name: localOf(key), ...occurs(c) }, [annotation(c.doc), complexType(key, c, {}, undefined, sink)]);
}

function occurs(c: ChildSpec): { minOccurs?: string; maxOccurs?: string } {
  const max = c.max ?? 1;
  return { minOccurs: c.required ? undefined : '0', maxOccurs: max === 1 ? undefined : Number.isFinite(max) ? String(max) : 'unbounded' };
}

const KIND_HINT: Record<ValueKind, string | undefined> = {
  literal: undefined,
  expression: 'An expression (JSONata), with or without #[ ].',
  'expression-supported': 'A literal value or a #[ ] expression.',
  template: 'Text with embedded #[ ] expressions.',
};

function attribute(name: string, a: AttrSpec): XNode {
  const type = simpleType(a);
  const doc = [a.doc, a.ref && `The name of a global <${a.ref}>.`, KIND_HINT[a.kind]].filter(Boolean).join(' ');
  return xs('attribute', { name, type: typeof type === 'string' ? type : undefined, use: a.required ? 'required' : undefined, default: legalDefault(a) }, [
    annotation(doc),
    typeof type === 'string' ? undefined : type,
  ]);
}

/**
 * Placeholders (`${…}`) are substituted before any check, and a whole `#[…]` skips the literal
 * checks of non-literal kinds (assembly/validate.ts), so typed attributes accept both too.
 */
function simpleType(a: AttrSpec): string | XNode {
  if (a.kind === 'literal' && !a.values) {
    if (a.type === 'integer') return 'mule:substitutableInt';
    if (a.type === 'boolean') return 'mule:substitutableBoolean';
  }
  const escapes = a.kind === 'literal' ? 'mule:propertyPlaceholderType' : 'mule:propertyPlaceholderType mule:expressionType';
  if (a.values) {
    const enumeration = xs('simpleType', {}, [
      xs(
        'restriction',
        { base: 'xs:token' },
        a.values.map((v) => xs('enumeration', { value: v })),
      ),
    ]);
    return xs('simpleType', {}, [xs('union', { memberTypes: escapes }, [enumeration])]);
  }
  const base = a.type === 'integer' ? 'xs:integer' : a.type === 'boolean' ? 'mule:literalBoolean' : undefined;
  if (base) return xs('simpleType', {}, [xs('union', { memberTypes: `${base} ${escapes}` })]);
  return a.required && a.kind === 'literal' ? 'mule:nonBlankString' : 'xs:string';
}

/** XSD allows a default only on optional attributes, and only one the attribute's type accepts. */
function legalDefault(a: AttrSpec): string | undefined {
  const d = a.default;
  if (d === undefined || a.required) return undefined;
  if (a.values) return a.values.includes(d) ? d : undefined;
  if (a.type === 'integer') return /^-?\d+$/.test(d) ? d : undefined;
  if (a.type === 'boolean') return d === 'true' || d === 'false' ? d : undefined;
  return d;
}
