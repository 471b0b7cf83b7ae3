import { readFileSync, writeFileSync } from 'node:fs';
import { envSetting } from '../../properties/environment.js';
import type { Mode } from '../../properties/secure/block-modes.js';
import { MODES } from '../../properties/secure/block-modes.js';
import type { Algorithm, MuleCipher } from '../../properties/secure/mule-cipher.js';
import { ALGORITHMS, MULE_ALGORITHMS, muleCipher, SecureCipherError } from '../../properties/secure/mule-cipher.js';
import { decryptString, encryptedPart, encryptString } from '../../properties/secure/secure-value.js';
import type { ToolAction } from '../../properties/secure/tool-file.js';
import { applyToFile, applyToWholeFile } from '../../properties/secure/tool-file.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

export interface SecurePropertiesOptions {
  readonly key?: string;
  /** `--key-env NAME`: the key from an environment variable, kept out of the shell history. */
  readonly keyEnv?: string;
  readonly algorithm: string;
  readonly mode: string;
  readonly useRandomIv?: boolean;
  /** `--file IN`: every value of a .yaml/.properties file (the tool's `file` mode). */
  readonly file?: string;
  /** `--file-level IN`: the whole file (the tool's `file-level` mode, fileLevelEncryption="true"). */
  readonly fileLevel?: string;
  readonly out?: string;
}

/** A problem with the command's input: printed as `error: …`, exit 1. */
class UsageError extends FlowrtError<'usage'> {
  constructor(message: string) {
    super('usage', message);
  }
}

/**
 * `flowrt secure-properties encrypt|decrypt [VALUE]`: Mule's Secure Properties Tool
 * (`string`, `file` and `file-level` modes) with the same output for the same input, so that
 * files encrypted by either work with Mule and with flowrt. The value comes from the argument or,
 * without one, from stdin (less one trailing newline).
 */
export async function secureProperties(action: ToolAction, value: string | undefined, options: SecurePropertiesOptions): Promise<number> {
  try {
    const cipher = cipherFrom(options);
    if (options.file !== undefined || options.fileLevel !== undefined) return files(action, value, cipher, options);
    const input = value ?? (await readStdin());
    process.stdout.write(`${action === 'encrypt' ? encryptString(cipher, input) : decryptString(cipher, encryptedPart(input) ?? input)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`error: ${e.message}\n`);
    else if (e instanceof SecureCipherError)
      process.stderr.write(
        `error: cannot ${action}: ${e.message}${e.code === 'bad-ciphertext' ? ' (a wrong key, or another --algorithm, --mode or --use-random-iv)' : ''}\n`,
      );
    else throw e;
    return 1;
  }
}

function cipherFrom(options: SecurePropertiesOptions): MuleCipher {
  if ((options.key === undefined) === (options.keyEnv === undefined)) throw new UsageError('give the key with --key KEY or --key-env NAME (one of them)');
  const key = options.key ?? envSetting(options.keyEnv!);
  if (key === undefined) throw new UsageError(`the environment variable ${options.keyEnv} is not set`);
  const algorithm = options.algorithm;
  if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new UsageError(
      MULE_ALGORITHMS.includes(algorithm)
        ? `--algorithm ${algorithm} is not supported by flowrt yet, use AES or Blowfish`
        : `--algorithm must be AES or Blowfish, got "${algorithm}"`,
    );
  }
  if (!(MODES as readonly string[]).includes(options.mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${options.mode}"`);
  try {
    return muleCipher({ algorithm: algorithm as Algorithm, mode: options.mode as Mode, useRandomIVs: options.useRandomIv ?? false }, key);
  } catch (e) {
    if (e instanceof SecureCipherError) throw new UsageError(e.message);
    throw e;
  }
}

function files(action: ToolAction, value: string | undefined, cipher: MuleCipher, options: SecurePropertiesOptions): number {
  if (options.file !== undefined && options.fileLevel !== undefined) throw new UsageError('--file and --file-level exclude each other');
  if (value !== undefined) throw new UsageError(`a value and --file${options.fileLevel === undefined ? '' : '-level'} exclude each other`);
  const input = (options.file ?? options.fileLevel)!;
  const out = options.out;
  if (out === undefined) throw new UsageError('--out FILE is required with --file and --file-level');
  // As the tool: both YAML or both .properties (flowrt takes .yml for YAML too).
  const kind = (path: string) => (/\.ya?ml$/.test(path) ? 'yaml' : path.endsWith('.properties') ? 'properties' : undefined);
  if (!kind(input) || kind(input) !== kind(out)) throw new UsageError('the input and --out must both be .yaml files or both .properties files');
  const bytes = read(input);
  if (options.fileLevel !== undefined) {
    writeFileSync(out, applyToWholeFile(bytes, action, cipher));
    return 0;
  }
  const result = applyToFile(bytes.toString('utf8'), action, kind(input) === 'yaml', cipher);
  if (result.errors.length > 0) {
    for (const e of result.errors) process.stderr.write(`${input}:${e.line}: error: cannot ${action} the value: ${e.message}\n`);
    process.stderr.write(`${out} not written\n`);
    return 1;
  }
  writeFileSync(out, result.text);
  return 0;
}

function read(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('give the value as an argument, or on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
