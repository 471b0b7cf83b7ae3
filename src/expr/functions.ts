import { randomUUID } from 'node:crypto';
import type { ErrorTypeValue } from '../errors/error-type.js';

/** What the function library needs from the app: its resolved properties. */
export interface LibraryDeps {
  readonly property: (name: string) => string | undefined;
}

export interface LibraryFunction {
  readonly name: string;
  readonly impl: (...args: never[]) => unknown;
  /** JSONata signature, checked by JSONata before the call. */
  readonly signature?: string;
}

/**
 * Functions flowrt adds to JSONata, standing in for Mule's DataWeave built-ins:
 * `$p('key')` (Mule's `p()`), `$default(v, fallback)` (DataWeave's `default`), `$uuid()`,
 * `$causedBy(error, 'NS:ID')` (Mule's `Mule::causedBy`).
 */
export function createLibrary(deps: LibraryDeps): readonly LibraryFunction[] {
  return [
    { name: 'p', impl: ((name: string) => deps.property(name) ?? null) as never, signature: '<s:x>' },
    { name: 'default', impl: ((value: unknown, fallback: unknown) => (value === undefined || value === null ? fallback : value)) as never },
    { name: 'uuid', impl: (() => randomUUID()) as never, signature: '<:s>' },
    { name: 'causedBy', impl: causedBy as never },
  ];
}

/** True when `error`'s type is `type` or descends from it (`ANY` matches every handleable error). */
export function causedBy(error: { errorType?: ErrorTypeValue } | undefined, type: string): boolean {
  if (!error?.errorType || typeof type !== 'string') return false;
  const [ns, id] = type.includes(':') ? type.toUpperCase().split(':', 2) : ['MULE', type.toUpperCase()];
  for (let t: ErrorTypeValue | null = error.errorType; t; t = t.parentErrorType) {
    if (t.namespace === ns && t.identifier === id) return true;
  }
  return false;
}
