/**
 * Queue and schedule names as the runtime's factories hold them: `<app>/<name>`, the app's name
 * (which never holds a `/`) and then the Mule queue's or the flow's name (which may). What the
 * admin API and the metrics show, and how an operator names one: alone when one app has it.
 */

export interface ScopedName {
  readonly app: string;
  readonly local: string;
}

/** `orders/invoices` → app `orders`, local `invoices`; a name without `/` belongs to no app. */
export function splitName(name: string): ScopedName {
  const slash = name.indexOf('/');
  return slash < 0 ? { app: '', local: name } : { app: name.slice(0, slash), local: name.slice(slash + 1) };
}

export type Lookup<T> =
  { readonly found: ScopedName & { readonly name: string; readonly value: T } } | { readonly missing: true } | { readonly ambiguous: readonly string[] };

/**
 * The entry an operator means by `given`: its full name (`orders/invoices`), or its own name
 * (`invoices`) when only one app has it, or only within `app` when one is given.
 *
 * @example
 * lookUp(queues.opened(), 'invoices') // { found: { name: 'orders/invoices', app: 'orders', local: 'invoices', value } }
 */
export function lookUp<T>(entries: ReadonlyMap<string, T>, given: string, app?: string): Lookup<T> {
  const matches: Array<ScopedName & { name: string; value: T }> = [];
  for (const [name, value] of entries) {
    const scoped = splitName(name);
    const fits = app === undefined ? name === given || scoped.local === given : scoped.app === app && (scoped.local === given || name === given);
    if (fits) matches.push({ name, ...scoped, value });
  }
  if (matches.length === 0) return { missing: true };
  if (matches.length > 1) return { ambiguous: matches.map((m) => m.name).sort() };
  return { found: matches[0]! };
}
