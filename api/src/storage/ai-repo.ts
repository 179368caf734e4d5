import { newId } from '@tandem/shared/util';
import { and, eq, gte, sum } from 'drizzle-orm';
import type { Connection } from './db.ts';

export type AiUsageRow = {
  userId: string | null;
  workflowId: string | null;
  operation: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  at: number;
};

/** Token usage per AI call (for quotas and the bill), and the Agent node's conversation memory. */
export function aiRepo({ db, t }: Connection) {
  return {
    async recordUsage(row: AiUsageRow): Promise<void> {
      await db.insert(t.aiUsage).values({ id: newId(20), ...row });
    },
    async tokensSince(userId: string, since: number): Promise<number> {
      const [row] = await db
        .select({ n: sum(t.aiUsage.totalTokens) })
        .from(t.aiUsage)
        .where(and(eq(t.aiUsage.userId, userId), gte(t.aiUsage.at, since)));
      return Number(row?.n ?? 0);
    },
    async loadMemory(workflowId: string, key: string): Promise<unknown[]> {
      const [row] = await db
        .select()
        .from(t.agentMemory)
        .where(and(eq(t.agentMemory.workflowId, workflowId), eq(t.agentMemory.key, key)))
        .limit(1);
      return row ? (JSON.parse(row.messages) as unknown[]) : [];
    },
    async saveMemory(workflowId: string, key: string, messages: unknown[]): Promise<void> {
      const where = and(eq(t.agentMemory.workflowId, workflowId), eq(t.agentMemory.key, key));
      const row = { workflowId, key, messages: JSON.stringify(messages), updatedAt: Date.now() };
      const existing = await db.select({ k: t.agentMemory.key }).from(t.agentMemory).where(where).limit(1);
      if (existing.length) await db.update(t.agentMemory).set(row).where(where);
      else await db.insert(t.agentMemory).values(row);
    },
  };
}
