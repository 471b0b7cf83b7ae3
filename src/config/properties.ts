import { parseDocument } from 'yaml';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';

/** One source of properties, lowest precedence first when layered. */
export interface PropertyLayer {
  /** Where the values came from, for messages. */
  readonly source: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * A YAML properties file flattened to dotted keys (`http: {port: 8081}` is `http.port`), as
 * Mule reads configuration-properties. A list also gives `key.0`, `key.1` … and `key` joined
 * with commas.
 */
export function readYamlProperties(text: string, file: string): { layer?: PropertyLayer; diagnostics: Diagnostic[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        return error('invalid-yaml', `invalid YAML: ${e.message.split('\n')[0]}`, { file, line: at?.line ?? 1, col: at?.col ?? 1 });
      }),
    };
  }
  const data: unknown = doc.toJS();
  const values: Record<string, string> = {};
  if (data !== null && data !== undefined) {
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { diagnostics: [error('invalid-yaml', 'a properties file must be a mapping of keys to values', { file, line: 1, col: 1 })] };
    }
    flatten(data as Record<string, unknown>, '', values);
  }
  return { layer: { source: file, values }, diagnostics: [] };
}

function flatten(value: Record<string, unknown> | unknown[], prefix: string, out: Record<string, string>): void {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) {
      out[key] = v.map((x) => (x === null || typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
      flatten(v, key, out);
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  }
}

/** A Java-style `.properties` file (`key=value`, `key: value`, `#` comments, `\` continuations). */
export function readPropertiesFile(text: string, file: string): PropertyLayer {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    const m = /^((?:\\.|[^=:\s])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) values[unescape(m[1]!)] = unescape(m[2]!);
    else values[unescape(line)] = '';
  }
  return { source: file, values };
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Java's `.properties` escapes: `\t \n \r \f`, `\uXXXX`, and `\x` for any other x. */
function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
    c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c));
}

/** Why a property cannot be read, when it is defined but refers to one that is not (or to itself). */
export interface PropertyProblem {
  readonly problem: string;
}

/**
 * Properties layered lowest to highest precedence; a value may refer to others with `${…}`,
 * resolved on read.
 */
export class Properties {
  private readonly merged = new Map<string, string>();

  constructor(readonly layers: readonly PropertyLayer[]) {
    for (const layer of layers) for (const [k, v] of Object.entries(layer.values)) this.merged.set(k, v);
  }

  /** The resolved value; undefined when not defined; a problem when its references cannot be resolved. */
  get(name: string): string | undefined | PropertyProblem {
    return this.resolve(name, []);
  }

  has(name: string): boolean {
    return this.merged.has(name);
  }

  private resolve(name: string, seen: readonly string[]): string | undefined | PropertyProblem {
    const raw = this.merged.get(name);
    if (raw === undefined) return undefined;
    if (seen.includes(name)) return { problem: `properties refer to each other in a cycle: ${[...seen, name].map((n) => `"${n}"`).join(' → ')}` };
    if (!raw.includes('${')) return raw;
    let problem: PropertyProblem | undefined;
    const value = raw.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
      const inner = this.resolve(key.trim(), [...seen, name]);
      if (typeof inner === 'string') return inner;
      problem ??= inner ?? { problem: `property "${name}" refers to "${key.trim()}", which is not defined` };
      return whole;
    });
    return problem ?? value;
  }
}
