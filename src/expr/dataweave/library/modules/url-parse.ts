import type { DwValue } from '../../values/model.js';

/**
 * parseURI: the parts java.net.URI finds in a URI (DataWeave runs on it), each present only when
 * the URI has it. A string java.net.URI rejects (a space, an unescaped `"` `<` `>` `\` `^` `` ` ``
 * `{` `|` `}`, a bad `%` escape, a malformed scheme or port) answers `{isValid: false, raw}`.
 * Path, query, fragment and user are decoded, as URI's getPath() etc. are; host and authority as written.
 */

const RFC3986 = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const ILLEGAL = /[\s"<>\\^`{|}\u0000-\u001f\u007f]|%(?![0-9A-Fa-f]{2})/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseURI(raw: string): DwValue {
  const invalid = { isValid: false, raw };
  if (ILLEGAL.test(raw)) return invalid;
  const m = RFC3986.exec(raw);
  if (!m) return invalid;
  const [, scheme, authority, path, query, fragment] = m;
  if (scheme !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) return invalid;
  if (raw.startsWith(':')) return invalid;
  const out: Record<string, DwValue> = { isValid: true, raw };
  // Opaque: a scheme whose specific part does not start with '/' (mailto:a@b.com); Java gives it no path, query or authority.
  const opaque = scheme !== undefined && authority === undefined && !path!.startsWith('/');
  if (!opaque && authority !== undefined && authority !== '') {
    const am = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
    if (!am) return invalid;
    const [, user, host, port] = am;
    if (host) out.host = host;
    out.authority = authority;
    if (port !== undefined && port !== '') out.port = Number(port);
    if (user !== undefined) out.user = decode(user);
  }
  if (fragment !== undefined) out.fragment = decode(fragment);
  if (!opaque && path !== '') out.path = decode(path!);
  if (!opaque && query !== undefined) out.query = decode(query);
  if (scheme !== undefined) out.scheme = scheme;
  out.isAbsolute = scheme !== undefined;
  out.isOpaque = opaque;
  return out;
}
