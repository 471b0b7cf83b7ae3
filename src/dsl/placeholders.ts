import type { Diagnostic } from '../errors/diagnostic.js';
import { error, warning } from '../errors/diagnostic.js';
import type { DiagnosticCode } from '../errors/diagnostic-codes.js';
import type { XmlAttr, XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import { advanceLocation } from '../model/location.js';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * Why `${secure::name}` has no value: a problem with its diagnostic code, or undefined when it was
 * reported already (a secure file that did not load).
 */
export type SecureLookup = (name: string) => string | undefined | { problem: string; code: DiagnosticCode; hint?: string };

/**
 * What an undefined property is: an error for an app about to run, a warning for one being
 * checked or packaged, whose properties may come from where it will run.
 */
export type MissingProperty = 'error' | 'warning';

function missingProperty(key: string, at: SourceLocation, missing: MissingProperty): Diagnostic {
  if (missing === 'warning') {
    return warning(
      'missing-property',
      `property "${key}" is not defined by the app: it must be given where the app runs`,
      at,
      `flowrt runtime --prop ${key}=…, flowrt deploy --prop ${key}=…, an environment variable, or config/<env>.yaml with --env`,
    );
  }
  return error(
    'missing-property',
    `property "${key}" is not defined`,
    at,
    'define it in config.yaml, config/<env>.yaml, a <configuration-properties> file or <global-property>, or pass --prop key=value',
  );
}

/**
 * Replaces `${key}` in every attribute value and text (inline scripts too) with the property's
 * value. A missing property is a diagnostic naming it where it is used. `${secure::name}` is
 * answered by `secure` (the app's secure properties files); without it, it is not supported. Pure.
 */
export function resolvePlaceholders(
  root: XmlElement,
  lookup: (key: string) => string | undefined | { problem: string },
  secure?: SecureLookup,
  missing: MissingProperty = 'error',
): { root: XmlElement; diagnostics: Diagnostic[]; unresolved: SourceLocation[] } {
  const diagnostics: Diagnostic[] = [];
  const unresolved: SourceLocation[] = [];
  const substitute = (text: string, loc: SourceLocation): string => {
    if (!text.includes('${')) return text;
    const before = diagnostics.length;
    let silent = false;
    const out = text.replace(PLACEHOLDER, (whole, rawKey: string, offset: number) => {
      const key = rawKey.trim();
      const at = advanceLocation(loc, text, offset);
      if (key.startsWith('secure::')) {
        if (!secure) {
          diagnostics.push(
            error(
              'unsupported-property',
              `secure property ${whole} is not supported by flowrt yet`,
              at,
              'pass the value with --prop or an environment variable',
            ),
          );
          return whole;
        }
        const value = secure(key.slice('secure::'.length));
        if (typeof value === 'string') return value;
        if (value) diagnostics.push(error(value.code, value.problem, at, value.hint));
        else silent = true;
        return whole;
      }
      const value = lookup(key);
      if (value === undefined || typeof value === 'object') {
        diagnostics.push(value ? error('invalid-property', value.problem, at) : missingProperty(key, at, missing));
        return whole;
      }
      return value;
    });
    if (silent || diagnostics.length > before) unresolved.push(loc);
    return out;
  };
  const walk = (el: XmlElement): XmlElement => {
    let attrs: Map<string, XmlAttr> | undefined;
    for (const [name, attr] of el.attrs) {
      const value = substitute(attr.value, attr.valueLoc);
      if (value !== attr.value) (attrs ??= new Map(el.attrs)).set(name, { ...attr, value });
    }
    const text = el.textLoc ? substitute(el.text, el.textLoc) : el.text;
    const children = el.children.map(walk);
    const changed = attrs !== undefined || text !== el.text || children.some((c, i) => c !== el.children[i]);
    return changed ? { ...el, attrs: attrs ?? el.attrs, text, children } : el;
  };
  return { root: walk(root), diagnostics, unresolved };
}
