import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { SourceLocation } from '../model/location.js';

/** One source of properties, lowest precedence first when layered. */
export interface PropertyLayer {
  /** Where the values came from, for messages. */
  readonly source: string;
  readonly values: Readonly<Record<string, string>>;
  /** Where each value is written, when read from a file (for diagnostics about one value). */
  readonly positions?: Readonly<Record<string, SourceLocation>>;
}

/**
 * A YAML properties file flattened to dotted keys (`http: {port: 8081}` is `http.port`), as
 * Mule reads configuration-properties. A list also gives `key.0`, `key.1` … and `key` joined
 * with commas.
 */
export function readYamlProperties(text: string, file: string): { layer?: PropertyLayer; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter });
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
  const positions: Record<string, SourceLocation> = {};
  locate(doc.contents, '', (key, offset) => {
    const { line, col } = lineCounter.linePos(offset);
    positions[key] = { file, line, col };
  });
  return { layer: { source: file, values, positions }, diagnostics: [] };
}

/** The offset of every value (or of its key, when it has none) under its dotted key, as `flatten` names them. */
function locate(node: unknown, prefix: string, at: (key: string, offset: number) => void): void {
  const visit = (name: string, keyNode: unknown, value: unknown) => {
    const key = prefix ? `${prefix}.${name}` : name;
    const where = isNode(value) && value.range ? value.range[0] : isNode(keyNode) && keyNode.range ? keyNode.range[0] : undefined;
    if (where !== undefined) at(key, where);
    locate(value, key, at);
  };
  if (isMap(node)) for (const pair of node.items) visit(String(isScalar(pair.key) ? pair.key.value : pair.key), pair.key, pair.value);
  else if (isSeq(node)) node.items.forEach((item, i) => visit(String(i), undefined, item));
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
  const positions: Record<string, SourceLocation> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = { file, line: i + 1, col: lines[i]!.length - lines[i]!.trimStart().length + 1 };
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    const m = /^((?:\\.|[^=:\s])+)\s*[=:\s]\s*(.*)$/.exec(line);
    const key = unescape(m ? m[1]! : line);
    values[key] = m ? unescape(m[2]!) : '';
    positions[key] = start;
  }
  return { source: file, values, positions };
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Java's `.properties` escapes: `\t \n \r \f`, `\uXXXX`, and `\x` for any other x. */
function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c)));
}

const SECURE_PREFIX = 'secure::';

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

  /**
   * @param secure answers `secure::name` (without the prefix) from the app's secure properties
   * files, so that a value may embed one (`value="my-${secure::key1}"`, as Mule's docs show).
   */
  constructor(
    readonly layers: readonly PropertyLayer[],
    private readonly secure?: (name: string) => string | undefined | PropertyProblem,
  ) {
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
    if (this.secure && name.startsWith(SECURE_PREFIX)) return this.secure(name.slice(SECURE_PREFIX.length));
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
