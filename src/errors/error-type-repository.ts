import { ErrorType } from './error-type.js';
import { CATALOG, MULE, RESERVED_NAMESPACES, UNHANDLEABLE } from './catalog/index.js';

const REF = /^(?:([A-Za-z][A-Za-z0-9_-]*):)?([A-Za-z][A-Za-z0-9_]*)$/;

/** The result of resolving a written error type: the type, or why it cannot be used. */
export type Resolved = { type: ErrorType; warning?: string } | Unusable;

/** Why a written error type cannot be used, with its diagnostic code. */
export interface Unusable {
  readonly code: 'invalid-error-type' | 'unknown-error-type' | 'error-type-not-raisable' | 'critical-error-type';
  readonly problem: string;
}

/**
 * The error types one app can use: the catalogue plus the custom types its `raise-error`s
 * declare. Built once per app load; read-only at run time.
 */
export class ErrorTypeRepository {
  private readonly custom = new Map<string, ErrorType>();
  private readonly foreign = new Map<string, ErrorType>();

  /** A type a `raise-error` may raise: a core MULE type or a new custom namespace. */
  declare(text: string): Resolved {
    const ref = parse(text);
    if (typeof ref === 'string') return { code: 'invalid-error-type', problem: ref };
    const [ns, id] = ref;
    if (ns === 'MULE') return core(id, `MULE:${id} does not exist; a custom error type needs its own namespace, e.g. APP:${id}`);
    if (CATALOG.has(ns) || RESERVED_NAMESPACES.has(ns)) {
      return {
        code: 'error-type-not-raisable',
        problem: `cannot raise ${ns}:${id}: the ${ns} namespace belongs to a module; raise a core MULE type or use a namespace of your own, e.g. APP:${id}`,
      };
    }
    const key = `${ns}:${id}`;
    let type = this.custom.get(key);
    if (!type) this.custom.set(key, (type = new ErrorType(ns, id, MULE.ANY)));
    return { type };
  }

  /** A type an error handler may name: any handleable known type. */
  lookup(text: string): Resolved {
    const ref = parse(text);
    if (typeof ref === 'string') return { code: 'invalid-error-type', problem: ref };
    const [ns, id] = ref;
    if (ns === 'MULE') return core(id, `there is no error type MULE:${id}${suggest(MULE, id)}`);
    const catalogued = CATALOG.get(ns);
    if (catalogued) {
      const type = catalogued[id];
      if (type?.isA(MULE.CRITICAL)) return { code: 'critical-error-type', problem: `${type.id} is a critical error and cannot be handled` };
      return type ? { type } : { code: 'unknown-error-type', problem: `there is no error type ${ns}:${id}${suggest(catalogued, id)}` };
    }
    const key = `${ns}:${id}`;
    const custom = this.custom.get(key);
    if (custom) return { type: custom };
    if (RESERVED_NAMESPACES.has(ns)) {
      let type = this.foreign.get(key);
      if (!type) this.foreign.set(key, (type = new ErrorType(ns, id, MULE.ANY)));
      return { type, warning: `${key} belongs to a Mule module flowrt does not implement yet; this handler never matches` };
    }
    return { code: 'unknown-error-type', problem: `unknown error type ${key}: no raise-error in this app raises it` };
  }
}

function parse(text: string): [string, string] | string {
  const m = REF.exec(text.trim());
  if (!m) return `"${text}" is not an error type; write NAMESPACE:IDENTIFIER, e.g. APP:NOT_FOUND`;
  return [m[1]?.toUpperCase() ?? 'MULE', m[2]!];
}

function core(id: string, problem: string): Resolved {
  const type = (MULE as Record<string, ErrorType>)[id];
  if (!type) return { code: 'unknown-error-type', problem };
  if (UNHANDLEABLE.has(type)) return { code: 'critical-error-type', problem: `${type.id} is a critical error and cannot be handled or raised` };
  return { type };
}

function suggest(types: Readonly<Record<string, ErrorType>>, id: string): string {
  const upper = id.toUpperCase();
  return upper !== id && types[upper] ? `; did you mean ${types[upper]!.id}?` : '';
}
