// RFC 7617 §2: credentials = "Basic" 1*SP token68, the user-id and password joined by the first colon.
const BASIC = /^Basic +([A-Za-z0-9+/]+=*) *$/i;

/** The user-id and password of an `Authorization: Basic` value, split at the first colon; undefined when it is not one. */
export function basicCredentials(header: string | undefined): { readonly user: string; readonly password: string } | undefined {
  const encoded = BASIC.exec(header?.trim() ?? '')?.[1];
  // A length of 4n+1 is no base64 at all.
  if (!encoded || encoded.length % 4 === 1) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
