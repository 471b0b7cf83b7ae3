import { randomFillSync } from 'node:crypto';

export { digest, matchesDigest } from '../runtime/digests.js';

/** Bytes of randomness drawn at once: one call into the CSPRNG per 128 secrets instead of one each. */
const POOL_BYTES = 4096;
const SECRET_BYTES = 32;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * A new token, code or secret: 256 random bits, base64url. The bits come from a pool refilled
 * from the CSPRNG (as Node's own randomUUID does): every byte is used once, so secrets are as
 * unpredictable and as independent as with one randomBytes call each, at a tenth of the cost —
 * the token endpoint draws one per token.
 */
export function newSecret(): string {
  if (used + SECRET_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const secret = pool.toString('base64url', used, used + SECRET_BYTES);
  // Wiped once read, so the pool never holds a secret already handed out.
  pool.fill(0, used, used + SECRET_BYTES);
  used += SECRET_BYTES;
  return secret;
}
