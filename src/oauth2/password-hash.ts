import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters (RFC 7914 §2): CPU/memory cost N, block size r, parallelism p. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** A parsed `scrypt$N$r$p$salt$hash` string. */
export interface PasswordHash extends ScryptCost {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** 2^15 × 8 × 128 bytes = 32 MiB and some tens of milliseconds per check: slow for guessing, fine for a login. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * A password's hash in the form users files keep (`flowrt hash-password` prints it).
 *
 * @example
 * ```ts
 * await hashPassword('correct horse'); // 'scrypt$32768$8$1$<salt>$<hash>'
 * ```
 */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, 32, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** The hash a string holds, or undefined when it is not one (a plaintext password, a typo). */
export function parsePasswordHash(text: string): PasswordHash | undefined {
  const m = FORMAT.exec(text);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds keep a hand-edited file from asking for gigabytes per login.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

/** Whether `password` is the one `stored` was made from, compared in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const computed = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(computed, stored.hash);
}

/**
 * A hash no password matches, with the same cost as `like`: checking an unknown username against
 * it takes as long as checking a known one, so timing does not tell which users exist.
 */
export function dummyHash(like: ScryptCost = DEFAULT_COST): PasswordHash {
  return { N: like.N, r: like.r, p: like.p, salt: randomBytes(16), hash: randomBytes(32) };
}

function derive(password: string, salt: Buffer, keylen: number, { N, r, p }: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses unless maxmem exceeds 128 × N × r; its 32 MiB default is just too small for N = 2^15.
    scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
