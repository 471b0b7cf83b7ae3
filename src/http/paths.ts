/**
 * Mule listener paths: `{name}` matches one segment, `*` matches one segment in the middle of a
 * path and anything (including nothing) at its end, as in Mule's HTTP listener.
 */

/** Joins a config's basePath and a listener's path into one normalized path. */
export function joinPath(basePath: string, path: string): string {
  const joined = `/${basePath}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 && joined.endsWith('/') && !path.endsWith('/*') ? joined.slice(0, -1) : joined;
}

/** Problems with a listener path, as Mule would reject it at deployment. */
export function checkPath(path: string): string | undefined {
  const names = new Set<string>();
  for (const part of path.split('/')) {
    if (part.startsWith('{') && part.endsWith('}')) {
      const name = part.slice(1, -1);
      if (!/^[^{}/*]+$/.test(name)) return `"${part}" is not a valid uri parameter`;
      if (names.has(name)) return `uri parameter {${name}} appears twice`;
      names.add(name);
    } else if (part.includes('*') && part !== '*') {
      return `"${part}" uses * inside a segment; a wildcard must be a whole segment (/path/* or /path/*/more)`;
    } else if (part.includes('{') || part.includes('}')) {
      return `"${part}" mixes text and a uri parameter; a parameter must be a whole segment`;
    } else if (part === '.' || part === '..') {
      return `"${part}" segments are resolved away in request paths, so this path could never match`;
    } else if (part.includes(';') || /%(?:2f|5c|3b)/i.test(part)) {
      return `"${part}" holds a ; or an encoded / or \\, which requests may not (they are cut or refused before routing)`;
    }
  }
  return undefined;
}

/**
 * Orders paths so that the most specific is tried first: more literal segments first, then
 * fewer parameters, with trailing wildcards last.
 */
export function specificity(path: string): number[] {
  const parts = path.split('/').filter(Boolean);
  const trailing = parts[parts.length - 1] === '*' ? 1 : 0;
  const literal = parts.filter((p) => p !== '*' && !p.startsWith('{')).length;
  const params = parts.length - literal - trailing;
  return [trailing, -literal, params, -parts.length];
}

export function compareSpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
  return 0;
}
