import { MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { toText } from '../../expr/value.js';

const PLACEHOLDER = /\{([^{}/]+)\}/g;

/** A path's `{name}`s filled from `http:uri-params`. */
export type UriTemplate = (params: Record<string, unknown>) => string;

/**
 * `{id}` in the path, percent-encoded as one segment; a placeholder without a value is an error.
 * The path is split once, so that a path written as a literal (the usual case) is filled by
 * concatenation per request rather than a regex replace.
 */
export function uriTemplate(path: string): UriTemplate {
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of path.matchAll(PLACEHOLDER)) {
    texts.push(path.slice(last, m.index));
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  const tail = path.slice(last);
  if (names.length === 0) return () => path;
  return (params) => {
    let out = '';
    for (let i = 0; i < names.length; i++) out += texts[i]! + encodeURIComponent(toText(valueOf(params, names[i]!)));
    return out + tail;
  };
}

function valueOf(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  if (value === undefined || value === null) {
    throw new FlowError(MULE.EXPRESSION, `the request path has {${name}} but http:uri-params gives no value for it`);
  }
  return value;
}
