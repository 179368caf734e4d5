import { createHmac, timingSafeEqual } from 'node:crypto';

export type CollabTokenClaims = { userId: string; workflowId: string; exp: number };

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

function mac(payload: string, key: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`tandem-collab.${payload}`).digest();
}

/**
 * Signs a short-lived token that lets `userId` open the collab socket of `workflowId` (HMAC-SHA256).
 * Authorization is still checked at the upgrade: the token only proves who the user is.
 * @example signCollabToken({ userId: 'u1', workflowId: 'w1', ttlSec: 60 }, key) // 'eyJ1Ijoi….Qm9…'
 */
export function signCollabToken(
  claims: { userId: string; workflowId: string; ttlSec?: number },
  key: string | Uint8Array,
  now = Date.now(),
): string {
  if (!key || key.length < 16) throw new Error('collab token key must be at least 16 bytes');
  const ttl = Math.min(Math.max(claims.ttlSec ?? 60, 1), 3600);
  const payload = b64url(
    JSON.stringify({ u: claims.userId, w: claims.workflowId, exp: Math.floor(now / 1000) + ttl }),
  );
  return `${payload}.${b64url(mac(payload, key))}`;
}

/**
 * Verifies a collab token; returns its claims, or null when malformed, forged or expired.
 * @example verifyCollabToken(token, key) // { userId: 'u1', workflowId: 'w1', exp: 1764000060 }
 */
export function verifyCollabToken(
  token: string,
  key: string | Uint8Array,
  now = Date.now(),
): CollabTokenClaims | null {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(payload, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof c.u !== 'string' || typeof c.w !== 'string' || typeof c.exp !== 'number') return null;
    if (c.exp * 1000 <= now) return null;
    return { userId: c.u, workflowId: c.w, exp: c.exp };
  } catch {
    return null;
  }
}
