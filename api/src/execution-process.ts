import type { EngineServices, NodeTypeRegistry } from '@tandem/shared/engine';
import { runWorkflow } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import {
  createExecutionServices,
  type ExecutionRecord,
  ExecutionRunner,
  type ExecutionServices,
  type RetentionPolicy,
  startExecutionWorker,
} from '@tandem/worker';
import { runErrorWorkflow } from './error-workflows.ts';
import { onScheduleFire, syncAllSchedules } from './routes/publish.ts';
import type { Runtime } from './runtime.ts';
import { subWorkflowService } from './sub-workflows.ts';

export interface AttachExecutionsOptions {
  /** Run executions and fire schedules in this process (embedded `start` and the `worker` process). */
  runWorker: boolean;
  nodeTypes: NodeTypeRegistry;
  /** Per-execution host services for nodes (credentials, guarded fetch, sub-workflows). */
  engineServices?: (record: ExecutionRecord, workflow: WorkflowJson) => Partial<EngineServices>;
  retention?: RetentionPolicy;
  /** Default save mode when a workflow does not say (`all` = record every execution with its run data). */
  defaultSaveMode?: 'all' | 'errors' | 'none';
  /** After a failed execution (the failure watcher). */
  onFailed?: ConstructorParameters<typeof ExecutionRunner>[0]['onFailed'];
}

/**
 * Every finished node's output is committed before the next node starts, in both modes: a kill -9 never re-runs
 * a finished node. In embedded mode this stays cheap because checkpoints of all runs in flight share one group
 * commit (executions-sqlite.ts). TANDEM_CHECKPOINT_DELAY_MS > 0 writes them behind instead (faster; a crash can
 * re-run the nodes that finished in the last that many ms).
 */
function checkpointDelayMs(): number {
  const v = Number(process.env.TANDEM_CHECKPOINT_DELAY_MS);
  if (process.env.TANDEM_CHECKPOINT_DELAY_MS && Number.isFinite(v) && v >= 0) return v;
  return 0;
}

/**
 * Embedded mode runs executions between HTTP requests on one event loop; each step of a run waits for a group
 * commit (one loop turn), so with 10 runs in flight a webhook burst is accepted far faster than it is run and
 * queues up in memory (measured: 50k queued after 10 s of S1). 100 in flight keeps up. A production worker's runs
 * mostly wait for MySQL group commits and Redis round trips: 50 per worker fill the batches (measured: half the
 * commits per run of 10, less CPU per run). An explicit WORKER_CONCURRENCY wins.
 */
function workerConcurrency(config: { mode: 'embedded' | 'production'; workerConcurrency: number }): number {
  if (process.env.WORKER_CONCURRENCY) return config.workerConcurrency;
  return Math.max(config.workerConcurrency, config.mode === 'production' ? 50 : 100);
}

/**
 * Gives this process the execution plumbing (queue, events, schedules; in memory or on Redis by config) and,
 * with `runWorker`, runs executions and schedules here. Sets `deps.executions` for the execution routes.
 * Returns the stop function (graceful: running executions get 10 s, then resume elsewhere).
 * @example stops.push(await attachExecutions(runtime, { runWorker: true, nodeTypes }));
 */
export async function attachExecutions(
  runtime: Runtime,
  o: AttachExecutionsOptions,
): Promise<() => Promise<void>> {
  const { deps } = runtime;
  const services = await createExecutionServices({
    redisUrl: deps.config.redisUrl,
    prefix: deps.config.redisPrefix,
    logger: runtime.logger,
  });
  (deps as typeof deps & { executions: ExecutionServices }).executions = services;
  let stopWorker: ((timeoutMs?: number) => Promise<void>) | undefined;
  if (o.runWorker) {
    const store = deps.storage.executions.store;
    const runner: ExecutionRunner = new ExecutionRunner({
      store,
      events: services.events,
      runWorkflow,
      nodeTypes: o.nodeTypes,
      services: (record, workflow) => ({
        runSubWorkflow: subWorkflowService(deps, () => runner, record),
        ...o.engineServices?.(record, workflow),
      }),
      defaultSaveMode: o.defaultSaveMode,
      onFailed: o.onFailed,
      runErrorWorkflow: (record, errorWorkflowId, item) =>
        runErrorWorkflow(deps, record.workflowId, errorWorkflowId, item),
      checkpointDelayMs: checkpointDelayMs(),
      logger: runtime.logger,
    });
    const worker = await startExecutionWorker({
      queue: services.queue,
      events: services.events,
      store,
      runner,
      concurrency: workerConcurrency(deps.config),
      // Embedded: this process is the only runner, so whatever is unfinished in the database was ours.
      recoverAllAtStart: deps.config.mode !== 'production',
      maintenance: { retention: o.retention },
      logger: runtime.logger,
    });
    stopWorker = worker.stop;
    services.scheduler.start(onScheduleFire(deps));
    await syncAllSchedules(deps);
  }
  return async () => {
    await stopWorker?.(10_000);
    await services.close(10_000);
  };
}
