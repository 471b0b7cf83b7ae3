/**
 * A Mule error type: `NAMESPACE:IDENTIFIER` with an optional parent. Handlers match an error
 * when its type equals or descends from one they list.
 *
 * @example
 * ```ts
 * HTTP.UNAUTHORIZED.isA(MULE.SECURITY) // true: HTTP:UNAUTHORIZED → MULE:CLIENT_SECURITY → MULE:SECURITY
 * ```
 */
export class ErrorType {
  readonly id: string;

  constructor(
    readonly namespace: string,
    readonly identifier: string,
    readonly parent?: ErrorType,
  ) {
    this.id = `${namespace}:${identifier}`;
  }

  /** True when this type is `ancestor` or one of its descendants. */
  isA(ancestor: ErrorType): boolean {
    for (let t: ErrorType | undefined = this; t; t = t.parent) if (t === ancestor) return true;
    return false;
  }

  /** The shape Mule exposes to expressions as `error.errorType`. */
  toJSON(): ErrorTypeValue {
    return {
      namespace: this.namespace,
      identifier: this.identifier,
      parentErrorType: this.parent ? this.parent.toJSON() : null,
    };
  }

  toString(): string {
    return this.id;
  }
}

export interface ErrorTypeValue {
  namespace: string;
  identifier: string;
  parentErrorType: ErrorTypeValue | null;
}

/** Declares the types of one namespace, each with its parent, in dependency order. */
export function defineNamespace<K extends string>(namespace: string, entries: ReadonlyArray<readonly [K, ErrorType | K | null]>): Record<K, ErrorType> {
  const out = {} as Record<K, ErrorType>;
  for (const [identifier, parent] of entries) {
    const p = parent === null ? undefined : typeof parent === 'string' ? out[parent] : parent;
    if (typeof parent === 'string' && !p) throw new Error(`${namespace}:${identifier}: parent ${parent} declared later`);
    out[identifier] = new ErrorType(namespace, identifier, p);
  }
  return Object.freeze(out);
}
