import { createHash, timingSafeEqual } from 'node:crypto';

/** sha256 hex: how flowrt keeps tokens, codes and secrets (never in clear). */
export function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Whether `presented` is the secret whose digest is `storedHex`. Digests of equal length are
 * compared in constant time, so the time taken says nothing of how much of the secret was right.
 */
export function matchesDigest(presented: string, storedHex: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = Buffer.from(storedHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
