import type { ExecutionRecord } from '../runner/store.ts';

/** Options of one enqueue call. */
export interface EnqueueOptions {
  /** 1 (most urgent) … 1000; default 100. Lower runs first; FIFO within one priority. */
  priority?: number;
  /** With `maxConcurrency`: at most that many executions of this workflow are queued-or-running at once. */
  workflowId?: string;
  /** Per-workflow limit; excess executions wait (FIFO) until a slot frees. */
  maxConcurrency?: number;
  /** Run no earlier than this many ms from now (Wait node resumes). */
  delayMs?: number;
  /**
   * A new execution's first enqueue: without `maxConcurrency` it can hold no per-workflow slot, so its end need not
   * look for one to free (one Redis round trip per run fewer).
   */
  fresh?: boolean;
  /**
   * With `fresh`: the execution as just stored (committed before this call). Its job's first delivery hands it to
   * the handler, which then need not read it back; any later delivery (retry, stall, requeue) reads the store.
   */
  created?: ExecutionRecord;
}

/** What the handler gets for one delivery of a job. */
export interface JobContext {
  executionId: string;
  /** 1 on the first delivery; grows on retries (not on stalled re-deliveries). */
  attempt: number;
  /** Aborted when the queue is force-closed (shutdown timeout) or the job is aborted locally. */
  signal: AbortSignal;
  /** The execution as stored when enqueued (`EnqueueOptions.created`), on the job's first delivery only. */
  created?: ExecutionRecord;
}

/** Returned by a handler to run the same execution again later (a Wait node's resume time). */
export interface Requeue {
  requeueDelayMs: number;
}

// biome-ignore lint/suspicious/noConfusingVoidType: handlers that return nothing are the common case.
export type ExecutionHandler = (ctx: JobContext) => Promise<void | Requeue>;

export interface ProcessOptions {
  /** Executions run at once by this process (WORKER_CONCURRENCY). Default 10. */
  concurrency?: number;
  /** Called once when a job fails for good (non-retriable or attempts exhausted). */
  onFinalFailure?: (executionId: string, error: Error) => Promise<void>;
}

export interface QueueCounts {
  /** Ready or delayed, in the shared queue. */
  waiting: number;
  active: number;
  /** Held back by a per-workflow concurrency limit. */
  parked: number;
}

/**
 * The execution queue: jobs carry only the execution id. Enqueueing an id that is already queued,
 * parked or running is a no-op, so callers can enqueue again safely.
 */
export interface ExecutionQueue {
  enqueue(executionId: string, options?: EnqueueOptions): Promise<void>;
  /** Starts consuming with `handler`; call once per queue instance. */
  process(handler: ExecutionHandler, options?: ProcessOptions): void;
  /** Removes a not-yet-running execution. True when it was removed; false when running or unknown. */
  cancel(executionId: string): Promise<boolean>;
  /** Aborts the signal of a job this process is running. True when it was running here. */
  abortLocal(executionId: string, reason?: string): boolean;
  counts(): Promise<QueueCounts>;
  /** Stops taking jobs, waits up to `timeoutMs` for running ones, then abandons them (they are re-delivered). */
  close(timeoutMs?: number): Promise<void>;
}

export const DEFAULT_PRIORITY = 100;
export const MAX_PRIORITY = 1000;

/** Validates options at the boundary so a bad caller gets a clear error, not a stuck job. */
export function checkEnqueue(executionId: string, options: EnqueueOptions): void {
  if (typeof executionId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(executionId)) {
    throw new TypeError(`invalid execution id: ${JSON.stringify(executionId)}`);
  }
  const { priority, maxConcurrency, delayMs } = options;
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 1 || priority > MAX_PRIORITY)) {
    throw new RangeError(`priority must be an integer 1..${MAX_PRIORITY}`);
  }
  if (maxConcurrency !== undefined && (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)) {
    throw new RangeError('maxConcurrency must be a positive integer');
  }
  if (maxConcurrency !== undefined && !options.workflowId) {
    throw new TypeError('maxConcurrency needs workflowId');
  }
  if (delayMs !== undefined && (!Number.isFinite(delayMs) || delayMs < 0)) {
    throw new RangeError('delayMs must be >= 0');
  }
}
