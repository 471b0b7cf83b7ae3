/**
 * The elements a foreach iterates, as Mule splits a collection: an array's items, an object's
 * entries (each as a one-key object), a single value once, nothing for null or absent.
 */
export function elementsOf(collection: unknown): unknown[] {
  if (collection === undefined || collection === null) return [];
  if (Array.isArray(collection)) return collection;
  if (typeof collection === 'object' && !Buffer.isBuffer(collection)) {
    return Object.entries(collection as Record<string, unknown>).map(([k, v]) => ({ [k]: v }));
  }
  return [collection];
}

/** Groups elements into arrays of `size` (the last may be shorter); size 1 keeps them single. */
export function batches(elements: readonly unknown[], size: number): unknown[] {
  if (size <= 1) return [...elements];
  const out: unknown[] = [];
  for (let i = 0; i < elements.length; i += size) out.push(elements.slice(i, i + size));
  return out;
}
