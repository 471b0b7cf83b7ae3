/**
 * A JSON pointer's segments (RFC 6901), list indexes as numbers, so that a problem found at
 * `/policies/0/config` can be located at the list entry itself. `~1` is decoded before `~0`
 * (RFC 6901 §4): `~01` is the text `~1`, not `/`.
 *
 * @example
 * pointerSegments('/policies/0/a~1b'); // ['policies', 0, 'a/b']
 * pointerSegments(''); // [] (the whole document)
 */
export function pointerSegments(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}
