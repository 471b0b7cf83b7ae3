import type { ValueKind } from '../expr/value.js';

/** How one attribute of an element is read and checked. */
export interface AttrSpec {
  readonly kind: ValueKind;
  readonly required?: boolean;
  /** Applied when the attribute is absent, read with the same kind. */
  readonly default?: string;
  /** Allowed literal values (checked when the value is not an expression). */
  readonly values?: readonly string[];
  /** Literal type checks: `integer` and `boolean` values are validated at load. */
  readonly type?: 'string' | 'integer' | 'boolean';
  /** The global element kind a literal names, e.g. `http:listener-config` for `config-ref`. */
  readonly ref?: string;
  /**
   * For a literal attribute: Mule accepts an expression here (its extension model says SUPPORTED,
   * typically a config parameter that makes the config dynamic) and flowrt does not yet, so an
   * expression is reported as not supported by flowrt yet rather than as invalid.
   */
  readonly expressionInMule?: boolean;
  readonly doc?: string;
}

/**
 * The shape of an element: its attributes, the parameter elements it may contain, whether its
 * other children are processors, and what its text means.
 */
export interface ElementSpec {
  readonly attributes: Readonly<Record<string, AttrSpec>>;
  readonly children?: Readonly<Record<string, ChildSpec>>;
  /** Children not listed in `children` are processors (scopes and routers). */
  readonly processors?: boolean;
  /** May end with an `error-handler` (flows and `try`). */
  readonly errorHandler?: boolean;
  /** What text content means; absent means the element has none. */
  readonly text?: ValueKind;
  /**
   * Parameters Mule documents for this element that flowrt does not implement yet (attribute
   * names and child element keys), each with what to do instead: reported as "not supported by
   * flowrt yet", never as unknown, so a porting user knows the file is right and flowrt is behind.
   */
  readonly notYet?: Readonly<Record<string, string>>;
  readonly doc?: string;
}

export interface ChildSpec extends ElementSpec {
  readonly required?: boolean;
  /** At most this many; default 1. */
  readonly max?: number;
}

/** Attributes every element may carry: Studio's documentation attributes, schema hints. */
export function isAmbientAttribute(name: string): boolean {
  return name.startsWith('doc:') || name.startsWith('xsi:') || name.includes('://');
}
