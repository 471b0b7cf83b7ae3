import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha256 hex: how tokens, codes and client secrets are kept (never in clear). */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares a presented secret with a stored digest in constant time. */
export function matchesDigest(presented: string, storedHex: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = Buffer.from(storedHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new token, code or secret: 256 random bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
