import type { Diagnostic } from '../../errors/diagnostic.js';
import { error, warning } from '../../errors/diagnostic.js';
import { closest } from '../../errors/suggest.js';
import type { XmlAttr, XmlElement, XmlFile } from '../../model/element.js';
import type { SourceLocation } from '../../model/location.js';
import { advanceLocation } from '../../model/location.js';
import type { Properties } from '../properties.js';
import type { Mode } from './block-modes.js';
import { MODES } from './block-modes.js';
import type { Algorithm, CipherSettings } from './mule-cipher.js';
import { ALGORITHMS, MULE_ALGORITHMS } from './mule-cipher.js';

/** One `<secure-properties:config>` with its key and file name resolved from the app's properties. */
export interface SecureConfig {
  readonly name: string;
  /** The file as the config names it, placeholders resolved. */
  readonly file: string;
  readonly fileAt: SourceLocation;
  readonly key: string;
  /** How the key is described in messages: `property "secure.key"`, never the key itself. */
  readonly keySource: string;
  readonly keyAt: SourceLocation;
  readonly encoding: string;
  readonly fileLevelEncryption: boolean;
  readonly cipher: CipherSettings;
}

/** An attribute's value with its placeholders resolved (the default when absent, without a location). */
type Read = { readonly value: string; readonly at?: SourceLocation };

const KEY_HINT = 'pass the key when the app starts, never in its files: --prop secure.key=… (or an environment variable, key="${SECURE_KEY}")';

/**
 * Reads every `<secure-properties:config>` of the app, in declaration order (which decides who wins
 * when two files define a key, as in Mule). The key and the file name may use `${…}` from the
 * app's (non-secure) properties; the key should (Mule accepts it written out, flowrt warns).
 * https://docs.mulesoft.com/mule-runtime/latest/secure-configuration-properties
 */
export function readSecureConfigs(files: readonly XmlFile[], properties: Properties): { configs: SecureConfig[]; diagnostics: Diagnostic[] } {
  const configs: SecureConfig[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    for (const el of f.root.children) {
      if (el.key !== 'secure-properties:config') continue;
      const config = readConfig(el, properties, diagnostics);
      if (config) configs.push(config);
    }
  }
  return { configs, diagnostics };
}

function readConfig(el: XmlElement, properties: Properties, diagnostics: Diagnostic[]): SecureConfig | undefined {
  const name = el.attrs.get('name')?.value ?? '';
  const keyAttr = el.attrs.get('key');
  const fileAttr = el.attrs.get('file');
  // Missing attributes are reported by the element's spec at build.
  if (!keyAttr || !fileAttr) return undefined;
  const label = `<secure-properties:config name="${name}">`;
  const key = resolveKey(keyAttr, label, properties, diagnostics);
  // An undefined property anywhere else is reported where placeholders are resolved.
  const read = (from: XmlElement | undefined, attr: string, fallback: string): Read | undefined => {
    const a = from?.attrs.get(attr);
    if (!a) return { value: fallback };
    const r = substitute(a, properties);
    return r.missing.length > 0 || r.problem ? undefined : { value: r.value, at: a.valueLoc };
  };
  const encrypt = el.children.find((c) => c.key === 'secure-properties:encrypt');
  const file = read(el, 'file', '');
  const encoding = read(el, 'encoding', 'UTF-8');
  const fileLevel = read(el, 'fileLevelEncryption', 'false');
  // Without <secure-properties:encrypt>, Mule's module uses its defaults: AES in CBC mode.
  const algorithm = read(encrypt, 'algorithm', 'AES');
  const mode = read(encrypt, 'mode', 'CBC');
  const randomIVs = read(encrypt, 'useRandomIVs', 'false');
  if (!file || !encoding || !fileLevel || !algorithm || !mode || !randomIVs) return undefined;
  const cipher = cipherSettings(algorithm, mode, randomIVs.value === 'true', diagnostics);
  if (!cipher || !key) return undefined;
  return {
    name,
    file: file.value,
    fileAt: fileAttr.valueLoc,
    key: key.value,
    keySource: key.source,
    keyAt: keyAttr.valueLoc,
    encoding: encoding.value,
    fileLevelEncryption: fileLevel.value === 'true',
    cipher,
  };
}

function resolveKey(attr: XmlAttr, label: string, properties: Properties, diagnostics: Diagnostic[]): { value: string; source: string } | undefined {
  if (!attr.value.includes('${')) {
    diagnostics.push(
      warning(
        'secure-key-literal',
        `the key of ${label} is written in the XML: anyone who can read the app can decrypt its secure file`,
        attr.valueLoc,
        KEY_HINT,
      ),
    );
    return { value: attr.value, source: `the key written in ${label}` };
  }
  const r = substitute(attr, properties);
  for (const m of r.missing) {
    diagnostics.push(error('secure-key-undefined', `the key of ${label} comes from property "${m.key}", which is not defined`, m.at, KEY_HINT));
  }
  if (r.problem) diagnostics.push(error('invalid-property', r.problem, attr.valueLoc));
  if (r.missing.length > 0 || r.problem) return undefined;
  const names = [...attr.value.matchAll(/\$\{([^}]+)\}/g)].map((m) => `"${m[1]!.trim()}"`);
  return { value: r.value, source: `the key from property ${names.join(', ')}` };
}

function cipherSettings(algorithm: Read, mode: Read, useRandomIVs: boolean, diagnostics: Diagnostic[]): CipherSettings | undefined {
  const a = algorithm.value;
  let ok = true;
  if (!(ALGORITHMS as readonly string[]).includes(a)) {
    ok = false;
    if (MULE_ALGORITHMS.includes(a)) {
      diagnostics.push(
        error(
          'secure-algorithm-unsupported',
          `algorithm="${a}" is not supported by flowrt yet, use AES or Blowfish`,
          algorithm.at,
          "decrypt the values with Mule's Secure Properties Tool, then encrypt them again with flowrt secure-properties encrypt --algorithm AES (or Blowfish)",
        ),
      );
    } else {
      const typo = closest(a, MULE_ALGORITHMS);
      diagnostics.push(
        error(
          'secure-algorithm-unknown',
          `algorithm="${a}" is not an algorithm of Mule's secure properties${typo ? `; did you mean "${typo}"?` : ''}`,
          algorithm.at,
          `Mule's are ${MULE_ALGORITHMS.join(', ')}; flowrt implements AES and Blowfish`,
        ),
      );
    }
  }
  if (!(MODES as readonly string[]).includes(mode.value)) {
    ok = false;
    diagnostics.push(error('secure-mode-unknown', `mode="${mode.value}" must be one of ${MODES.join(', ')}`, mode.at));
  }
  return ok ? { algorithm: a as Algorithm, mode: mode.value as Mode, useRandomIVs } : undefined;
}

/** An attribute's `${…}` replaced from `properties`: what is missing (and where), or a problem. */
function substitute(attr: XmlAttr, properties: Properties): { value: string; missing: Array<{ key: string; at: SourceLocation }>; problem?: string } {
  const missing: Array<{ key: string; at: SourceLocation }> = [];
  let problem: string | undefined;
  const value = attr.value.replace(/\$\{([^}]+)\}/g, (whole, raw: string, offset: number) => {
    const key = raw.trim();
    const v = properties.get(key);
    if (typeof v === 'string') return v;
    if (v === undefined) missing.push({ key, at: advanceLocation(attr.valueLoc, attr.value, offset) });
    else problem ??= v.problem;
    return whole;
  });
  return { value, missing, problem };
}
