import { TextDecoder } from 'node:util';
import type { Diagnostic } from '../../errors/diagnostic.js';
import { error } from '../../errors/diagnostic.js';
import type { SourceLocation } from '../../model/location.js';
import type { PropertyLayer } from '../properties.js';
import { readPropertiesFile, readYamlProperties } from '../properties.js';
import type { MuleCipher } from './mule-cipher.js';
import { muleCipher, SecureCipherError } from './mule-cipher.js';
import type { SecureConfig } from './secure-config.js';
import { decryptBytes, decryptString, encryptedPart } from './secure-value.js';

/** The app's files, as the loader finds and reads them (`AppFiles` is one). */
export interface AppFileAccess {
  /** The path of a file an element names, looked up as configuration-properties files are. */
  locate(name: string): string | undefined;
  display(path: string): string;
  /** The file's text in `encoding`; throws a RangeError for an encoding it does not know. */
  read(path: string, encoding?: string): string;
}

/** The decrypted values of one secure file, by key. */
export interface SecureSource {
  readonly config: SecureConfig;
  /** The file as shown in diagnostics. */
  readonly file: string;
  readonly values: ReadonlyMap<string, string>;
  /** Keys whose value did not decrypt (already reported). */
  readonly failed: ReadonlySet<string>;
  readonly positions: Readonly<Record<string, SourceLocation>>;
}

/**
 * Reads the file a `<secure-properties:config>` names and decrypts it as Mule's module does: a
 * whole file encrypted (`fileLevelEncryption="true"`, the Secure Properties Tool's `file-level`
 * output: base64 of the encrypted file) is decrypted first; then every `![base64]` value is
 * decrypted and plain values are kept as written. Nothing decrypted goes to a message.
 */
export function readSecureFile(config: SecureConfig, files: AppFileAccess): { source?: SecureSource; diagnostics: Diagnostic[] } {
  const path = files.locate(config.file);
  if (!path) {
    return {
      diagnostics: [
        error(
          'secure-file-missing',
          `secure properties file "${config.file}" does not exist in the app`,
          config.fileAt,
          'looked next to the flow file, in the app folder, in src/main/resources and in the flows folder',
        ),
      ],
    };
  }
  const file = files.display(path);
  let cipher: MuleCipher;
  try {
    cipher = muleCipher(config.cipher, config.key);
  } catch (e) {
    if (!(e instanceof SecureCipherError)) throw e;
    return { diagnostics: [error('secure-key-invalid', `${config.keySource} does not fit ${config.cipher.algorithm}: ${e.message}`, config.keyAt)] };
  }
  const text = readText(config, files, path, file, cipher);
  if (typeof text !== 'string') return { diagnostics: [text] };
  const parsed = parse(text, file);
  if (!parsed.layer) return { diagnostics: parsed.diagnostics };
  return decryptValues(config, file, parsed.layer, cipher);
}

function readText(config: SecureConfig, files: AppFileAccess, path: string, file: string, cipher: MuleCipher): string | Diagnostic {
  const at = { file, line: 1, col: 1 };
  try {
    if (!config.fileLevelEncryption) return files.read(path, config.encoding);
    const decoder = new TextDecoder(config.encoding);
    try {
      return decoder.decode(decryptBytes(cipher, files.read(path).trim()));
    } catch (e) {
      if (!(e instanceof SecureCipherError)) throw e;
      return error(
        'secure-decrypt-failed',
        `${config.keySource} does not decrypt ${file} (fileLevelEncryption="true"): ${e.message}`,
        at,
        wrongKeyHint(config),
      );
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return error('invalid-encoding', `"${config.encoding}" is not an encoding flowrt can read ${file} in`, config.fileAt);
  }
}

function parse(text: string, file: string): { layer?: PropertyLayer; diagnostics: Diagnostic[] } {
  return file.endsWith('.properties') ? { layer: readPropertiesFile(text, file), diagnostics: [] } : readYamlProperties(text, file);
}

function decryptValues(config: SecureConfig, file: string, layer: PropertyLayer, cipher: MuleCipher): { source?: SecureSource; diagnostics: Diagnostic[] } {
  const values = new Map<string, string>();
  const failures: Array<{ key: string; reason: string }> = [];
  let encrypted = 0;
  for (const [key, raw] of Object.entries(layer.values)) {
    const part = encryptedPart(raw);
    if (part === undefined) {
      values.set(key, raw);
      continue;
    }
    encrypted++;
    try {
      values.set(key, decryptString(cipher, part));
    } catch (e) {
      if (!(e instanceof SecureCipherError)) throw e;
      failures.push({ key, reason: e.message });
    }
  }
  const positions = config.fileLevelEncryption ? {} : (layer.positions ?? {});
  const at = (key: string): SourceLocation => positions[key] ?? { file, line: 1, col: 1 };
  // One wrong key makes every value fail: say so once, at the key, rather than once per value.
  if (encrypted > 1 && failures.length === encrypted) {
    return {
      diagnostics: [
        error(
          'secure-key-wrong',
          `${config.keySource} does not decrypt ${file}: none of its ${encrypted} encrypted values does`,
          config.keyAt,
          wrongKeyHint(config),
        ),
      ],
    };
  }
  const diagnostics = failures.map((f) =>
    error('secure-decrypt-failed', `${config.keySource} does not decrypt "${f.key}" in ${file}: ${f.reason}`, at(f.key), wrongKeyHint(config)),
  );
  return { source: { config, file, values, failed: new Set(failures.map((f) => f.key)), positions }, diagnostics };
}

function wrongKeyHint(config: SecureConfig): string {
  const { algorithm, mode, useRandomIVs } = config.cipher;
  return `the key is wrong, or the value was encrypted otherwise than <secure-properties:encrypt algorithm="${algorithm}" mode="${mode}" useRandomIVs="${useRandomIVs}">`;
}
