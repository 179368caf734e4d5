import { describe, expect, it } from 'vitest';
import { signCollabToken, verifyCollabToken } from './token.ts';

const key = 'k'.repeat(32);

describe('collab tokens', () => {
  it('round-trips claims and expires', () => {
    const now = 1_700_000_000_000;
    const t = signCollabToken({ userId: 'u1', workflowId: 'w1', ttlSec: 30 }, key, now);
    expect(verifyCollabToken(t, key, now)).toEqual({ userId: 'u1', workflowId: 'w1', exp: now / 1000 + 30 });
    expect(verifyCollabToken(t, key, now + 31_000)).toBeNull();
  });
  it('rejects forged, tampered and garbage tokens', () => {
    const t = signCollabToken({ userId: 'u1', workflowId: 'w1' }, key);
    expect(verifyCollabToken(t, 'x'.repeat(32))).toBeNull();
    const [p, s] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'admin', w: 'w1', exp: 9e9 })).toString('base64url');
    expect(verifyCollabToken(`${forged}.${s}`, key)).toBeNull();
    expect(verifyCollabToken(`${p}.${s}x`, key)).toBeNull();
    for (const junk of ['', '.', 'abc', 'a.b.c', '💥.💥', 'x'.repeat(5000)])
      expect(verifyCollabToken(junk, key)).toBeNull();
    expect(() => signCollabToken({ userId: 'u', workflowId: 'w' }, 'short')).toThrow();
  });
});
