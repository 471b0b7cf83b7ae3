import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import { wholeExpression } from '../expr/value.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import type { AttrSpec, ElementSpec } from '../spi/spec.js';
import { isAmbientAttribute } from '../spi/spec.js';
import { closest, didYouMean } from '../errors/suggest.js';
import { lackedMessage, lackedMuleModule } from './mule-elements.js';

/**
 * Checks an element against its spec: unknown attributes (with a "did you mean"), missing
 * required ones, enumerations, integers and booleans, parameter children and their counts,
 * and text where none belongs. Processor children are checked when they are built.
 */
export function checkElement(el: XmlElement, spec: ElementSpec, out: Diagnostic[]): void {
  // A misspelt required attribute is one mistake, not two: no "needs the attribute" for it.
  const misspelt = new Set<string>();
  for (const attr of el.attrs.values()) {
    if (isAmbientAttribute(attr.name)) continue;
    const a = spec.attributes[attr.name];
    if (!a) {
      const lacking = spec.notYet?.[attr.name];
      if (lacking !== undefined) {
        out.push(error('unsupported-attribute', `${attr.name} on <${el.key}> is a Mule parameter flowrt does not support yet`, attr.loc, lacking || undefined));
        continue;
      }
      const meant = closest(
        attr.name,
        Object.keys(spec.attributes).filter((n) => !el.attrs.has(n)),
      );
      if (meant) misspelt.add(meant);
      out.push(
        error(
          'unknown-attribute',
          `unknown attribute "${attr.name}" on <${el.key}>${meant ? `; did you mean "${meant}"?` : ''}`,
          attr.loc,
          knownList(Object.keys(spec.attributes), el.key),
        ),
      );
      continue;
    }
    if (a.kind === 'literal' && wholeExpression(attr.value)) {
      out.push(expressionInLiteral(el.key, attr.name, a, attr.valueLoc));
      continue;
    }
    const literal = a.kind === 'literal' || !wholeExpression(attr.value);
    if (!literal) continue;
    const value = attr.value.trim();
    if (a.values && !a.values.includes(value)) {
      out.push(
        error(
          'invalid-value',
          `${attr.name}="${attr.value}" on <${el.key}> must be one of ${a.values.join(', ')}${didYouMean(value, a.values)}`,
          attr.valueLoc,
        ),
      );
    } else if (a.type === 'integer' && !/^-?\d+$/.test(value)) {
      out.push(error('invalid-value', `${attr.name}="${attr.value}" on <${el.key}> must be a whole number`, attr.valueLoc));
    } else if (a.type === 'boolean' && value !== 'true' && value !== 'false') {
      out.push(error('invalid-value', `${attr.name}="${attr.value}" on <${el.key}> must be true or false`, attr.valueLoc));
    } else if (a.required && value === '' && a.kind === 'literal') {
      out.push(error('missing-attribute', `${attr.name} on <${el.key}> must not be empty`, attr.valueLoc));
    }
  }
  for (const [name, a] of Object.entries(spec.attributes)) {
    if (a.required && !el.attrs.has(name) && !misspelt.has(name)) out.push(error('missing-attribute', `<${el.key}> needs the attribute ${name}`, el.loc));
  }
  checkChildren(el, spec, out);
  if (el.text !== '' && !spec.text) {
    out.push(error('unexpected-text', `<${el.key}> takes no text content`, el.textLoc ?? el.loc));
  }
}

function checkChildren(el: XmlElement, spec: ElementSpec, out: Diagnostic[]): void {
  const children = spec.children ?? {};
  const counts = new Map<string, number>();
  for (const child of el.children) {
    const c = children[child.key];
    if (!c) {
      if (!spec.processors) out.push(notAllowed(el, child, spec));
      continue;
    }
    const n = (counts.get(child.key) ?? 0) + 1;
    counts.set(child.key, n);
    if (n === (c.max ?? 1) + 1) out.push(error('too-many', `<${el.key}> may contain at most ${c.max ?? 1} <${child.key}>`, child.loc));
  }
  for (const [key, c] of Object.entries(children)) {
    if (c.required && !counts.has(key)) out.push(error('missing-element', `<${el.key}> needs a <${key}> element`, el.loc));
  }
}

/** A child the spec does not list: Mule's and not implemented yet, or not allowed there at all. */
function notAllowed(el: XmlElement, child: XmlElement, spec: ElementSpec): Diagnostic {
  const lacking = spec.notYet?.[child.key];
  if (lacking !== undefined) {
    return error('unsupported-element', `<${child.key}> inside <${el.key}> is a Mule parameter flowrt does not support yet`, child.loc, lacking || undefined);
  }
  const module = lackedMuleModule(child);
  if (module) return error('unsupported-element', lackedMessage(child.key, module), child.loc);
  const names = Object.keys(spec.children ?? {});
  return error(
    'unknown-element',
    `<${child.key}> is not allowed inside <${el.key}>${didYouMean(child.key, names)}`,
    child.loc,
    names.length ? `allowed: ${names.map((n) => `<${n}>`).join(', ')}` : `<${el.key}> takes no child elements`,
  );
}

function knownList(names: string[], key: string): string | undefined {
  return names.length ? `known attributes: ${names.join(', ')}` : `<${key}> takes no attributes besides doc:name`;
}

/**
 * `#[…]` in an attribute read as a literal: Mule refuses expressions there at deploy time (its
 * extension model says NOT_SUPPORTED), unless the spec says Mule takes one, which flowrt does not yet.
 */
function expressionInLiteral(key: string, name: string, a: AttrSpec, at: SourceLocation): Diagnostic {
  if (a.expressionInMule) {
    return error(
      'unsupported-expression',
      `${name} on <${key}> as an expression is not supported by flowrt yet`,
      at,
      'Mule evaluates it per event (a dynamic configuration); give the value itself or a ${property} placeholder',
    );
  }
  return error(
    'expression-not-allowed',
    `${name} on <${key}> takes a value, not an expression: Mule reads it once, when the app starts`,
    at,
    'give the value itself or a ${property} placeholder',
  );
}
