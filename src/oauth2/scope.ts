import type { Client, ProviderSettings } from './settings.js';

export type ScopeResult = { readonly ok: true; readonly scope: readonly string[] } | { readonly ok: false; readonly description: string };

/**
 * The scope a request gets (RFC 6749 §3.3): what it asks for, each scope known to the provider
 * and allowed to the client (a client without a list may have any the provider knows); nothing
 * asked gives the provider's defaults the client may have.
 */
export function resolveScope(requested: string | null | undefined, client: Client, settings: ProviderSettings): ScopeResult {
  const allowed = (s: string) => settings.scopes.has(s) && (client.scopes.length === 0 || client.scopes.includes(s));
  const asked = parseScope(requested);
  if (asked === undefined) return { ok: false, description: 'scope is not a space-separated list of scope tokens' };
  if (asked.length === 0) return { ok: true, scope: settings.defaultScopes.filter(allowed) };
  const refused = asked.filter((s) => !allowed(s));
  if (refused.length > 0) return { ok: false, description: `scope ${refused.map((s) => `"${s}"`).join(', ')} is not available to this client` };
  return { ok: true, scope: asked };
}

/** RFC 6749 §3.3 scope-token syntax; duplicates dropped; undefined for a malformed value. */
export function parseScope(value: string | null | undefined): string[] | undefined {
  if (value === null || value === undefined || value.trim() === '') return [];
  const tokens = value.split(' ').filter((t) => t !== '');
  if (tokens.some((t) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(t))) return undefined;
  return [...new Set(tokens)];
}
