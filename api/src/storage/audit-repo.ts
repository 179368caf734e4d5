import { newId } from '@tandem/shared/util';
import { desc } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type AuditEntry = {
  userId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
};

export function auditRepo({ db, t }: Connection) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.insert(t.auditLog).values({
        id: newId(20),
        at: Date.now(),
        userId: entry.userId ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
        ip: entry.ip ?? null,
      });
    },
    async recent(limit = 100) {
      return db.select().from(t.auditLog).orderBy(desc(t.auditLog.at)).limit(limit);
    },
  };
}
