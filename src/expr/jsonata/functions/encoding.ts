/*
 * $base64encode, $base64decode and the URL codings of JSONata (functions.js). Base64 reads and
 * writes strings as Latin-1 ("binary"), as btoa/atob do, so text beyond U+00FF is cut to its low byte.
 */
import { JsonataError, type Builtin } from '../values.js';

function base64encode(str: string | undefined): string | undefined {
  return str === undefined ? undefined : Buffer.from(str, 'latin1').toString('base64');
}

function base64decode(str: string | undefined): string | undefined {
  return str === undefined ? undefined : Buffer.from(str, 'base64').toString('latin1');
}

/** A URL coding, its URIError (a lone surrogate, a bad escape) reported as D3140. */
function urlCoding(name: string, code: (s: string) => string): Builtin {
  const impl = (str: string | undefined): string | undefined => {
    if (str === undefined) return undefined;
    try {
      return code(str);
    } catch {
      throw new JsonataError('D3140', `Malformed URL passed to $${name}(): ${JSON.stringify(str)}`, { value: str });
    }
  };
  return { signature: '<s-:s>', impl };
}

export const ENCODING: Readonly<Record<string, Builtin>> = {
  base64encode: { signature: '<s-:s>', impl: base64encode },
  base64decode: { signature: '<s-:s>', impl: base64decode },
  encodeUrlComponent: urlCoding('encodeUrlComponent', encodeURIComponent),
  encodeUrl: urlCoding('encodeUrl', encodeURI),
  decodeUrlComponent: urlCoding('decodeUrlComponent', decodeURIComponent),
  decodeUrl: urlCoding('decodeUrl', decodeURI),
};
