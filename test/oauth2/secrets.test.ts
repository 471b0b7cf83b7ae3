import { describe, expect, it } from 'vitest';
import { newSecret } from '../../src/oauth2/secrets.js';

describe('newSecret', () => {
  it('gives 256-bit base64url secrets, every one different, across refills of its random pool', () => {
    // 1,000 secrets draw the 4 KiB pool (128 secrets) about eight times over.
    const secrets = Array.from({ length: 1000 }, () => newSecret());
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const s of secrets) {
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(s, 'base64url')).toHaveLength(32);
    }
  });

  it('never hands out the wiped (zeroed) bytes of a secret already given', () => {
    const zeros = Buffer.alloc(32).toString('base64url');
    for (let i = 0; i < 1000; i++) expect(newSecret()).not.toBe(zeros);
  });
});
