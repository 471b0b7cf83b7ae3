import type { Diagnostic } from '../../errors/diagnostic.js';
import { warning } from '../../errors/diagnostic.js';
import type { DiagnosticCode } from '../../errors/diagnostic-codes.js';
import { closest } from '../../errors/suggest.js';
import type { XmlFile } from '../../model/element.js';
import type { Properties, PropertyProblem } from '../properties.js';
import { readSecureConfigs } from './secure-config.js';
import type { AppFileAccess, SecureSource } from './secure-file.js';
import { readSecureFile } from './secure-file.js';

/** Why `${secure::name}` has no value, with a stable diagnostic code. */
export interface SecureProblem extends PropertyProblem {
  readonly code: DiagnosticCode;
  readonly hint?: string;
}

const PREFIX = 'secure::';

function isSecureProblem(p: PropertyProblem): p is SecureProblem {
  return typeof (p as Partial<SecureProblem>).code === 'string';
}
const REDACTED = '****';

/**
 * The values of the app's secure properties files, read through `${secure::name}`. Mule's module
 * answers `secure::` for every `<secure-properties:config>` alike: when several files define a
 * name, the first config declared wins. A decrypted value may refer to other properties with
 * `${…}`, resolved on read as Mule resolves them.
 *
 * @example secure.get('db.password') // the decrypted value, a SecureProblem, or undefined when already reported
 */
export class SecureProperties {
  /** Secrets that may have reached the app's elements (keys and values read): {@link redact} hides them. */
  private readonly secrets = new Set<string>();

  constructor(
    private readonly sources: readonly SecureSource[],
    /** How many configs the app declares, those that failed to load included. */
    private readonly declared: number,
    private readonly plain: Properties,
    /** The configs' keys: secrets too, though never put in a message on purpose. */
    keys: readonly string[] = [],
  ) {
    for (const key of keys) if (key) this.secrets.add(key);
  }

  /** The decrypted value; a problem to report; undefined when a problem was reported already. */
  get(name: string): string | SecureProblem | undefined {
    const value = this.resolve(name, []);
    if (typeof value === 'string' && value !== '') this.secrets.add(value);
    return value;
  }

  /** The diagnostic without any key or secure value in its message or hint. */
  redact(d: Diagnostic): Diagnostic {
    if (this.secrets.size === 0) return d;
    // Longest first, so that a secret containing another is hidden whole.
    const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
    const hide = (text: string) => secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
    const message = hide(d.message);
    const hint = d.hint === undefined ? undefined : hide(d.hint);
    return message === d.message && hint === d.hint ? d : { ...d, message, hint };
  }

  private resolve(name: string, seen: readonly string[]): string | SecureProblem | undefined {
    const source = this.sources.find((s) => s.values.has(name));
    if (!source) return this.missing(name);
    const raw = source.values.get(name)!;
    if (!raw.includes('${')) return raw;
    if (seen.includes(name)) {
      return { code: 'invalid-property', problem: `secure properties refer to each other in a cycle: ${[...seen, name].map((n) => `"${n}"`).join(' → ')}` };
    }
    let problem: SecureProblem | undefined;
    let silent = false;
    const value = raw.replace(/\$\{([^}]+)\}/g, (whole, k: string) => {
      const key = k.trim();
      const inner = key.startsWith(PREFIX) ? this.resolve(key.slice(PREFIX.length), [...seen, name]) : this.plain.get(key);
      if (typeof inner === 'string') return inner;
      if (inner === undefined && key.startsWith(PREFIX)) silent = true;
      problem ??=
        inner && isSecureProblem(inner)
          ? inner
          : { code: 'invalid-property', problem: inner?.problem ?? `secure property "${name}" refers to "${key}", which is not defined` };
      return whole;
    });
    return silent ? undefined : (problem ?? value);
  }

  private missing(name: string): SecureProblem | undefined {
    // A file that did not load, or a value that did not decrypt, is reported already.
    if (this.declared > this.sources.length || this.sources.some((s) => s.failed.has(name))) return undefined;
    if (this.declared === 0) {
      return {
        code: 'secure-no-config',
        problem: `\${${PREFIX}${name}} needs a <secure-properties:config>, and the app declares none`,
        hint: 'declare the file holding it: <secure-properties:config name="secure" file="secure.yaml" key="${secure.key}"> (see docs/secure-properties.md)',
      };
    }
    const typo = closest(
      name,
      this.sources.flatMap((s) => [...s.values.keys()]),
    );
    const files = this.sources.map((s) => s.file).join(', ');
    return { code: 'secure-property-undefined', problem: `secure property "${name}" is not defined in ${files}${typo ? `; did you mean "${typo}"?` : ''}` };
  }
}

/**
 * Reads the app's `<secure-properties:config>` elements and their files. `plain` gives the keys
 * and file names (`key="${secure.key}"`, `file="secure-${env}.yaml"`).
 */
export function loadSecureProperties(
  files: readonly XmlFile[],
  plain: Properties,
  access: AppFileAccess,
): { secure: SecureProperties; diagnostics: Diagnostic[] } {
  const { configs, diagnostics } = readSecureConfigs(files, plain);
  const sources: SecureSource[] = [];
  for (const config of configs) {
    const r = readSecureFile(config, access);
    diagnostics.push(...r.diagnostics);
    if (r.source) sources.push(r.source);
  }
  diagnostics.push(...overlaps(sources));
  const declared = files.reduce((n, f) => n + f.root.children.filter((el) => el.key === 'secure-properties:config').length, 0);
  return {
    secure: new SecureProperties(
      sources,
      declared,
      plain,
      configs.map((c) => c.key),
    ),
    diagnostics,
  };
}

/** Names two files give different values: Mule keeps the first config's (its module's documented rule). */
function overlaps(sources: readonly SecureSource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  sources.forEach((later, i) => {
    for (const [name, value] of later.values) {
      const first = sources.slice(0, i).find((s) => s.values.has(name));
      if (!first || first.values.get(name) === value) continue;
      out.push(
        warning(
          'secure-property-ambiguous',
          `secure property "${name}" is defined in both ${first.file} and ${later.file}: \${${PREFIX}${name}} gives ${first.file}'s value`,
          later.positions[name] ?? { file: later.file, line: 1, col: 1 },
          'the first <secure-properties:config> declared wins, as in Mule; rename one of them, or remove one',
        ),
      );
    }
  });
  return out;
}
