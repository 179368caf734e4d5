import type { Logger } from 'pino';
import type { EventBus } from '../events/types.ts';
import type { ExecutionQueue } from '../queue/types.ts';
import { type MaintenanceOptions, reapOrphans, startMaintenance } from './maintenance.ts';
import type { ExecutionRunner } from './runner.ts';
import type { ExecutionStore } from './store.ts';

export interface ExecutionWorkerOptions {
  queue: ExecutionQueue;
  events: EventBus;
  store: ExecutionStore;
  runner: ExecutionRunner;
  /** WORKER_CONCURRENCY. Default 10. */
  concurrency?: number;
  maintenance?: Omit<MaintenanceOptions, 'store' | 'queue' | 'activeIds' | 'logger' | 'fail'>;
  /** Embedded mode: re-enqueue every unfinished execution at start (nothing else can be running them). */
  recoverAllAtStart?: boolean;
  logger?: Logger;
}

export interface ExecutionWorker {
  /** Stops taking jobs; running ones get `timeoutMs` to finish, then go back to the queue. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Wires a runner to a queue and the control channel (cancel) and starts the maintenance loops.
 * The `worker` process and embedded mode both call this.
 * @example const w = await startExecutionWorker({ queue, events, store, runner, concurrency: 10 });
 */
export async function startExecutionWorker(o: ExecutionWorkerOptions): Promise<ExecutionWorker> {
  const unsubscribe = await o.events.subscribeControl((m) => {
    if (m.type === 'execution.cancel') o.runner.abort(m.executionId);
  });
  o.queue.process(o.runner.handle, {
    concurrency: o.concurrency ?? 10,
    onFinalFailure: o.runner.failFinally,
  });
  const maintenance = {
    ...o.maintenance,
    store: o.store,
    queue: o.queue,
    fail: o.runner.fail,
    logger: o.logger,
  };
  if (o.recoverAllAtStart) {
    // A negative stale age reaches into the future: every queued, running and timed-waiting execution.
    await reapOrphans({ ...maintenance, staleMs: -1e15, giveUpMs: Number.MAX_SAFE_INTEGER, limit: 100_000 });
  }
  const stopMaintenance = startMaintenance({ ...maintenance, activeIds: () => o.runner.activeIds });
  return {
    async stop(timeoutMs = 10_000) {
      stopMaintenance();
      await unsubscribe();
      await o.queue.close(timeoutMs);
    },
  };
}
