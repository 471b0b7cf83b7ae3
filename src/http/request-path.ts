/**
 * The one normalisation of a request's path. The route table picks a listener by it, the flow sees
 * it as `attributes.requestPath`, and resource-level policies match their pointcuts against it: if
 * any of the three read the path another way, `/API//admin/./users` could reach a flow that a
 * pointcut on `/api/admin/.*` was meant to guard.
 *
 * - repeated slashes merge and a trailing slash is dropped (nginx's merge_slashes; the router
 *   treats `/x/` as `/x`);
 * - `.` and `..` segments are resolved (RFC 3986 §5.2.4), also when percent-encoded; climbing
 *   above the root is refused;
 * - `;parameters` are cut from each segment (as servlet containers cut them before matching, so a
 *   backend behind the flow reads the same path the policies did);
 * - percent-encoded `/`, `\`, `;` and control characters are refused: they mean one thing to this
 *   router and another to whatever reads the path next (Tomcat refuses `%2F` by default too);
 * - case is kept: paths are case-sensitive (RFC 3986 §6.2.2.1), as Mule's listener matches them.
 */
export interface RequestPath {
  /** Decoded segments joined by `/`: `attributes.requestPath`, what pointcuts match. */
  readonly decoded: string;
  /** The same segments, each percent-encoded one way ({@link encodeSegment}): what the route table matches. */
  readonly routing: string;
}

export type PathOutcome = RequestPath | { readonly problem: string };

// Paths of unreserved characters and sub-delims only, no dot segments, no doubled or trailing
// slash: already canonical, and what nearly every request sends.
const CANONICAL = /^(?:\/(?!\.\.?(?:\/|$))[\w\-.~!$&'()*+,=:@]+)+$/;
const AMBIGUOUS_ESCAPE = /%(?:2f|5c|3b|[01][0-9a-f]|7f)/i;
const CONTROL_OR_BACKSLASH = /[\x00-\x1f\x7f\\]/;

/**
 * The canonical path of a request target (RFC 9112 §3.2: origin-form, or absolute-form whose
 * path is taken), or why it is refused (answered 400).
 *
 * @example
 * canonicalPath('/api//Orders/./7;v=2/?x=1'); // { decoded: '/api/Orders/7', routing: '/api/Orders/7' }
 */
export function canonicalPath(target: string): PathOutcome {
  const q = target.indexOf('?');
  let path = q < 0 ? target : target.slice(0, q);
  if (path === '/' || CANONICAL.test(path)) return { decoded: path, routing: path };
  if (!path.startsWith('/')) {
    const origin = /^https?:\/\/[^/]*/i.exec(path);
    if (!origin) return { problem: 'the request target is not a path' };
    path = path.slice(origin[0].length) || '/';
  }
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    const semicolon = raw.indexOf(';');
    const segment = semicolon < 0 ? raw : raw.slice(0, semicolon);
    if (segment === '') continue;
    let decoded = segment;
    if (segment.includes('%')) {
      if (AMBIGUOUS_ESCAPE.test(segment)) return { problem: 'the path holds an encoded /, \\, ; or control character' };
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return { problem: 'the path holds malformed percent-encoding' };
      }
    }
    if (CONTROL_OR_BACKSLASH.test(decoded)) return { problem: 'the path holds a backslash or control character' };
    if (decoded === '.') continue;
    if (decoded === '..') {
      if (segments.length === 0) return { problem: 'the path climbs above the root' };
      segments.pop();
      continue;
    }
    segments.push(decoded);
  }
  return { decoded: `/${segments.join('/')}`, routing: `/${segments.map(encodeSegment).join('/')}` };
}

/**
 * A decoded segment percent-encoded the canonical way: every character that is not a pchar
 * (RFC 3986 §3.3) as UTF-8 escapes, upper-case hex; sub-delims other than `;`, `:` and `@` kept.
 * Listener paths are encoded the same way, so a literal `café` matches a request for `caf%C3%A9`.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3D|3A|40)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
