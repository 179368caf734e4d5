import type { NodeErrorData } from '@tandem/shared/engine';
import pino, { type Logger } from 'pino';
import type { ExecutionQueue } from '../queue/types.ts';
import type { ExecutionStore, RetentionPolicy } from './store.ts';

export interface ReapOptions {
  store: ExecutionStore;
  queue: ExecutionQueue;
  now?: () => number;
  /** An unfinished execution with no sign of life this long is re-enqueued. Default 60 s. */
  staleMs?: number;
  /** A running execution silent this long is failed instead (crash loop guard). Default 1 h. */
  giveUpMs?: number;
  limit?: number;
  /**
   * Fails a run given up on: the runner's `fail`, which also publishes its end, answers a waiting webhook call and
   * starts its error workflow.
   */
  fail: (executionId: string, error: NodeErrorData) => Promise<void>;
}

/**
 * Finds executions that lost their job (worker crash past BullMQ's stall limit, Redis data loss, embedded
 * restart) and enqueues them again — enqueue is idempotent, so one that still has a job is untouched.
 * The runner resumes them from their checkpoints. Returns the ids handled.
 */
export async function reapOrphans(o: ReapOptions): Promise<string[]> {
  const now = (o.now ?? Date.now)();
  const giveUpMs = o.giveUpMs ?? 3_600_000;
  const orphans = await o.store.findOrphans(now - (o.staleMs ?? 60_000), o.limit ?? 500);
  const handled: string[] = [];
  for (const r of orphans) {
    const lastSign = r.heartbeatAt ?? r.startedAt ?? r.createdAt;
    if (r.status === 'running' && lastSign < now - giveUpMs) {
      await o.fail(r.id, {
        name: 'OrphanedExecution',
        message: 'The worker running this execution stopped responding',
      });
    } else {
      await o.queue.enqueue(r.id);
    }
    handled.push(r.id);
  }
  return handled;
}

export interface MaintenanceOptions extends ReapOptions {
  retention?: RetentionPolicy;
  /** Ids the local runner is running (heartbeats). */
  activeIds?: () => string[];
  heartbeatMs?: number;
  reapEveryMs?: number;
  pruneEveryMs?: number;
  logger?: Logger;
}

/**
 * Background loops of a worker: heartbeats for running executions, the orphan reaper and retention
 * pruning. Each step is idempotent, so every worker can run them. Returns a stop function.
 */
export function startMaintenance(o: MaintenanceOptions): () => void {
  const log = o.logger ?? pino({ level: 'silent' });
  const now = o.now ?? Date.now;
  const guard = (what: string, fn: () => Promise<unknown>) => () =>
    void fn().catch((err) => log.warn({ err }, `${what} failed`));
  const timers = [
    setInterval(
      guard('heartbeat', async () => {
        const ids = o.activeIds?.() ?? [];
        if (ids.length) await o.store.heartbeat(ids, now());
      }),
      o.heartbeatMs ?? 5_000,
    ),
    setInterval(
      guard('reaper', () => reapOrphans(o)),
      o.reapEveryMs ?? 30_000,
    ),
  ];
  const retention = o.retention;
  if (retention && (retention.maxAgeDays !== undefined || retention.keepLastPerWorkflow !== undefined)) {
    timers.push(
      setInterval(
        guard('prune', () => o.store.prune(retention, now())),
        o.pruneEveryMs ?? 600_000,
      ),
    );
  }
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
