import { randomBytes } from 'node:crypto';

export { digest, matchesDigest } from '../runtime/digests.js';

/** A new token, code or secret: 256 random bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
