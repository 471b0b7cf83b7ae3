import { createHash, timingSafeEqual } from 'node:crypto';

/** What api-manager.yaml keeps of a client secret: its sha256, hex. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A hash no secret has, compared against when the client is unknown, so that both cases take as long. */
const NOBODY = 'f'.repeat(64);

/**
 * Whether `presented` is the secret whose hash is `hash`. Digests of equal length are compared in
 * constant time, so the time taken says nothing of how much of the secret was right; `hash`
 * undefined (an unknown client) costs the same comparison and is never a match.
 */
export function secretMatches(presented: string, hash: string | undefined): boolean {
  const given = createHash('sha256').update(presented, 'utf8').digest();
  const expected = Buffer.from(hash ?? NOBODY, 'hex');
  const same = expected.length === given.length && timingSafeEqual(given, expected);
  return same && hash !== undefined;
}
