import type { EventBus } from '../events/types.ts';
import type { ExecutionQueue } from '../queue/types.ts';
import { type ExecutionStore, isFinal } from './store.ts';

export type CancelOutcome = 'not-found' | 'already-finished' | 'canceled' | 'canceling';

/**
 * Cancels an execution from anywhere (api instance or worker). Queued or waiting: removed from the queue
 * and finished as `canceled` at once. Running: every worker is told; the one running it aborts the
 * running node through its AbortSignal, and the runner writes `canceled`.
 * @example await cancelExecution({ store, queue, events }, id) // 'canceled'
 */
export async function cancelExecution(
  deps: { store: ExecutionStore; queue: ExecutionQueue; events: EventBus; now?: () => number },
  executionId: string,
): Promise<CancelOutcome> {
  const { store, queue, events } = deps;
  const now = deps.now ?? Date.now;
  const record = await store.get(executionId);
  if (!record) return 'not-found';
  if (isFinal(record.status)) return 'already-finished';
  if (record.status === 'queued' || record.status === 'waiting') {
    const removed = await queue.cancel(executionId);
    if (removed || record.status === 'waiting') {
      const at = now();
      if (
        await store.finish(executionId, {
          status: 'canceled',
          finishedAt: at,
          error: null,
          runData: record.runData,
        })
      ) {
        await events.publish({
          type: 'execution.finished',
          executionId,
          workflowId: record.workflowId,
          at,
          status: 'canceled',
          durationMs: 0,
        });
        return 'canceled';
      }
      const again = await store.get(executionId);
      return again && isFinal(again.status) ? 'already-finished' : 'canceling';
    }
  }
  // Running, or taken by a worker between our read and the queue removal.
  await events.publishControl({ type: 'execution.cancel', executionId });
  return 'canceling';
}
