import { digest, matchesDigest } from '../../runtime/digests.js';

/** What api-manager.yaml keeps of a client secret: its sha256, hex. */
export const secretHash = digest;

/** A hash no secret has, compared against when the client is unknown, so that both cases take as long. */
const NOBODY = 'f'.repeat(64);

/**
 * Whether `presented` is the secret whose hash is `hash`, in constant time; `hash` undefined (an
 * unknown client) costs the same comparison and is never a match.
 */
export function secretMatches(presented: string, hash: string | undefined): boolean {
  return matchesDigest(presented, hash ?? NOBODY) && hash !== undefined;
}
