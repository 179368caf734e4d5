import { eq } from 'drizzle-orm';
import type { Connection } from './db.ts';

/** Instance settings an admin can change; each has a default so a fresh instance needs none stored. */
export type InstanceSettings = {
  registrationOpen: boolean;
  /** Lets the HTTP Request node reach private and loopback addresses. */
  allowPrivateNetworkRequests: boolean;
  timezone: string;
  /** The instance's default `openAiApi` credential for the AI features (an admin sets it); null = environment. */
  aiCredentialId: string | null;
};

export const DEFAULT_SETTINGS: InstanceSettings = {
  registrationOpen: true,
  allowPrivateNetworkRequests: false,
  timezone: 'America/New_York',
  aiCredentialId: null,
};

export function settingsRepo({ db, t }: Connection) {
  return {
    async get(): Promise<InstanceSettings> {
      const rows = await db.select().from(t.settings);
      const stored = Object.fromEntries(
        rows.filter((r) => !r.key.startsWith('claim:')).map((r) => [r.key, JSON.parse(r.value)]),
      );
      return { ...DEFAULT_SETTINGS, ...stored };
    },
    /** Stores `key` only if nobody stored it before; true for the one caller that did (a primary-key race). */
    async claim(key: string, value: unknown): Promise<boolean> {
      try {
        await db
          .insert(t.settings)
          .values({ key: `claim:${key}`, value: JSON.stringify(value), updatedAt: Date.now() });
        return true;
      } catch {
        return false;
      }
    },
    async set(patch: Partial<InstanceSettings>): Promise<void> {
      for (const [key, value] of Object.entries(patch)) {
        const row = { key, value: JSON.stringify(value), updatedAt: Date.now() };
        const existing = await db.select().from(t.settings).where(eq(t.settings.key, key)).limit(1);
        if (existing.length) await db.update(t.settings).set(row).where(eq(t.settings.key, key));
        else await db.insert(t.settings).values(row);
      }
    },
  };
}
