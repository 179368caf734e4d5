import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { SessionRow, Storage, UserRow } from '@tandem/api/storage';

/**
 * Sessions as Lucia's current guide builds them: the browser holds a random token, the database holds only its
 * SHA-256 (the session id), expiry slides forward when less than half the lifetime is left.
 */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function sessionManager(storage: Storage, lifetimeMs: number) {
  return {
    async create(token: string, userId: string): Promise<SessionRow> {
      const session = {
        id: sessionIdOf(token),
        userId,
        expiresAt: Date.now() + lifetimeMs,
        createdAt: Date.now(),
      };
      await storage.sessions.create(session);
      return session;
    },
    async validate(token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
      if (!/^[a-z2-7]{32}$/.test(token)) return null;
      const found = await storage.sessions.withUser(sessionIdOf(token));
      if (!found) return null;
      const now = Date.now();
      if (now >= found.session.expiresAt) {
        await storage.sessions.delete(found.session.id);
        return null;
      }
      if (now >= found.session.expiresAt - lifetimeMs / 2) {
        found.session.expiresAt = now + lifetimeMs;
        await storage.sessions.extend(found.session.id, found.session.expiresAt);
      }
      return found;
    },
    invalidate: (sessionId: string) => storage.sessions.delete(sessionId),
    invalidateAllFor: (userId: string, keepId?: string) => storage.sessions.deleteForUser(userId, keepId),
  };
}
export type SessionManager = ReturnType<typeof sessionManager>;
