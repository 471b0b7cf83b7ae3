// RS256 tokens for the secured scenarios. One key pair per bench run (its public half served by
// jwks.js); the reused token is signed once, the fresh-token pools in worker threads before the
// timed window (RS256 signing costs ~0.5-1 ms a token, far more than a request), each token
// unique (its own jti) and used once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';

export const KID = 'bench-rs256';
const CLAIMS = { sub: 'ann', scope: 'orders:write' };

export async function keyPair() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { publicJwk: { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }, privateJwk: await exportJWK(privateKey) };
}

export async function signToken(key, jti) {
  return new SignJWT({ ...CLAIMS, jti }).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).setIssuedAt().setExpirationTime('2h').sign(key);
}

/** `count` distinct tokens, signed on every core; `tag` keeps pools of one run apart. */
export async function signPool(privateJwk, count, tag) {
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const share = Math.ceil(count / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const n = Math.max(0, Math.min(share, count - w * share));
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./sign-worker.js', import.meta.url), { workerData: { privateJwk, n, prefix: `${tag}-${w}` } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  return parts.flat();
}

export async function importPrivate(privateJwk) {
  return importJWK(privateJwk, 'RS256');
}
