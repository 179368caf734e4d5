import { DelayedError, Queue, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { ExecutionRecord } from '../runner/store.ts';
import { isNonRetriable } from './errors.ts';
import { CreatedExecution, type JobPayload, MAX_CREATED_CHARS, parseJob } from './job-catalogue.ts';
import {
  checkEnqueue,
  DEFAULT_PRIORITY,
  type EnqueueOptions,
  type ExecutionHandler,
  type ExecutionQueue,
  type ProcessOptions,
  type QueueCounts,
  type Requeue,
} from './types.ts';
import { WorkflowLimiter } from './workflow-limiter.ts';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a random one. Default `tandem`. */
  prefix?: string;
  queueName?: string;
  /** Deliveries per execution before it fails for good (stalled re-deliveries do not count). Default 3. */
  attempts?: number;
  backoffMs?: number;
  /** A worker that stops renewing its lock this long is considered dead. Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs. Default 30 s. */
  stalledIntervalMs?: number;
  /** Stalls tolerated before the job fails for good. Default 3. */
  maxStalledCount?: number;
  logger?: Logger;
}

const JOB = 'execution.run';

/** BullMQ rejects integer-like custom ids, and ours may be digits only. */
function jobIdOf(executionId: string): string {
  return `run-${executionId}`;
}

/**
 * Production queue on BullMQ. Job payload is `{ executionId }` (a new execution's also its row, see
 * ARCHITECTURE.md). A worker killed mid-job stops renewing its lock; another worker's stalled-job check moves the
 * job back to waiting and runs it again (the runner then resumes after the last checkpointed node).
 */
export class BullmqExecutionQueue implements ExecutionQueue {
  readonly #opts: BullmqQueueOptions;
  readonly #redis: Redis;
  readonly #queue: Queue;
  readonly #limiter: WorkflowLimiter;
  readonly #log: Logger;
  #worker?: Worker;
  #workerRedis?: Redis;
  #shuttingDown = false;

  constructor(options: BullmqQueueOptions) {
    this.#opts = options;
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.#redis.on('error', (err) => this.#log.warn({ err }, 'queue redis error'));
    const prefix = options.prefix ?? 'tandem';
    const name = options.queueName ?? 'executions';
    this.#queue = new Queue(name, { connection: this.#redis, prefix });
    this.#queue.on('error', (err) => this.#log.warn({ err }, 'queue error'));
    this.#limiter = new WorkflowLimiter(this.#redis, `${prefix}:${name}:wfl`);
  }

  async enqueue(executionId: string, options: EnqueueOptions = {}): Promise<void> {
    checkEnqueue(executionId, options);
    const priority = options.priority ?? DEFAULT_PRIORITY;
    if (options.workflowId && options.maxConcurrency) {
      const info = { workflowId: options.workflowId, priority, delayMs: options.delayMs };
      if (!(await this.#limiter.admit(executionId, options.maxConcurrency, info))) return;
      await this.#add(executionId, priority, options.delayMs);
      return;
    }
    await this.#add(
      executionId,
      priority,
      options.delayMs,
      options.fresh ? { executionId, slot: false, created: createdText(options.created) } : undefined,
    );
  }

  async #add(
    executionId: string,
    priority: number,
    delayMs?: number,
    data: JobPayload<typeof JOB> = { executionId },
  ): Promise<void> {
    // Adding an existing job id is a no-op in BullMQ: that is what makes enqueue idempotent.
    await this.#queue.add(JOB, data, {
      jobId: jobIdOf(executionId),
      priority,
      delay: delayMs,
      attempts: this.#opts.attempts ?? 3,
      backoff: { type: 'exponential', delay: this.#opts.backoffMs ?? 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  process(handler: ExecutionHandler, options: ProcessOptions = {}): void {
    if (this.#worker) throw new Error('process() was already called');
    const o = this.#opts;
    this.#workerRedis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
    this.#workerRedis.on('error', (err) => this.#log.warn({ err }, 'worker redis error'));
    this.#worker = new Worker(
      o.queueName ?? 'executions',
      async (job, token, signal) => {
        if (job.name !== JOB) throw new UnrecoverableError(`unknown job name ${job.name}`);
        let payload: JobPayload<typeof JOB>;
        try {
          payload = parseJob(JOB, job.data);
        } catch {
          throw new UnrecoverableError('malformed execution.run payload');
        }
        const { executionId, slot } = payload;
        const attempt = job.attemptsMade + 1;
        // Counted by every move to active (BullMQ's `ats`): 1 only on the first delivery, so the stored row is still
        // the one the job carries (or was changed by a cancel, which the runner's mark-running write then loses to).
        const created =
          job.attemptsStarted === 1 && payload.created
            ? readCreated(payload.created, executionId)
            : undefined;
        let requeue: Requeue | undefined;
        try {
          requeue =
            (await handler({
              executionId,
              attempt,
              signal: signal ?? new AbortController().signal,
              created,
            })) ?? undefined;
        } catch (error) {
          const err = error instanceof Error ? error : new Error(String(error));
          if (this.#shuttingDown) {
            // Shutdown timed out: hand the job back without spending an attempt.
            await job.moveToWait(token);
            throw new WaitingError();
          }
          const final = isNonRetriable(err) || attempt >= (job.opts.attempts ?? 1);
          if (final) {
            await options
              .onFinalFailure?.(executionId, err)
              .catch((e) => this.#log.error({ err: e }, 'onFinalFailure'));
            if (slot !== false) await this.#release(executionId);
          }
          throw isNonRetriable(err) ? new UnrecoverableError(err.message) : err;
        }
        if (requeue) {
          // Back to delayed under the same id; the workflow slot stays held.
          await job.moveToDelayed(Date.now() + Math.max(0, requeue.requeueDelayMs), token);
          throw new DelayedError();
        }
        if (slot !== false) await this.#release(executionId);
      },
      {
        connection: this.#workerRedis,
        prefix: o.prefix ?? 'tandem',
        concurrency: options.concurrency ?? 10,
        lockDuration: o.lockDurationMs ?? 30_000,
        stalledInterval: o.stalledIntervalMs ?? 30_000,
        maxStalledCount: o.maxStalledCount ?? 3,
      },
    );
    this.#worker.on('error', (err) => this.#log.warn({ err }, 'worker error'));
  }

  async #release(executionId: string): Promise<void> {
    for (const next of await this.#limiter.release(executionId)) {
      await this.#add(next.executionId, next.info.priority, next.info.delayMs);
    }
  }

  async cancel(executionId: string): Promise<boolean> {
    if (await this.#limiter.unpark(executionId)) return true;
    const job = await this.#queue.getJob(jobIdOf(executionId));
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'prioritized' && state !== 'delayed') return false;
    try {
      await job.remove();
    } catch {
      return false; // taken by a worker meanwhile
    }
    await this.#release(executionId);
    return true;
  }

  abortLocal(executionId: string, reason = 'aborted'): boolean {
    return this.#worker?.cancelJob(jobIdOf(executionId), reason) ?? false;
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.#queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0),
      active: c.active ?? 0,
      parked: await this.#limiter.parkedCount(),
    };
  }

  /** Worker processes connected to this queue right now (for the system status). */
  async workers(): Promise<number> {
    return (await this.#queue.getWorkers()).length;
  }

  /** Waits for the worker's running jobs up to `timeoutMs`; then aborts them and hands them back. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.#worker) {
      const closing = this.#worker.close();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(true), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        this.#shuttingDown = true;
        this.#worker.cancelAllJobs('shutdown');
        await closing;
      }
      this.#workerRedis?.disconnect();
    }
    await this.#queue.close();
    this.#redis.disconnect();
  }
}

/** The record's own fields as JSON text, when it is a fresh one and small enough to ride in the job. */
function createdText(r: ExecutionRecord | undefined): string | undefined {
  if (r?.status !== 'queued' || r.startedAt !== null) return undefined;
  const text = JSON.stringify({
    id: r.id,
    workflowId: r.workflowId,
    versionId: r.versionId,
    status: r.status,
    mode: r.mode,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
    runData: r.runData,
    input: r.input,
    waitTill: r.waitTill,
    heartbeatAt: r.heartbeatAt,
    parentExecutionId: r.parentExecutionId,
  } satisfies ExecutionRecord);
  return text.length <= MAX_CREATED_CHARS ? text : undefined;
}

/** The record a job carries; anything unexpected means "read the store" instead. */
function readCreated(text: string, executionId: string): ExecutionRecord | undefined {
  try {
    const parsed = CreatedExecution.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.id === executionId ? (parsed.data as ExecutionRecord) : undefined;
  } catch {
    return undefined;
  }
}
