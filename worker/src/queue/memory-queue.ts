import { isNonRetriable } from './errors.ts';
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

export interface MemoryQueueOptions {
  /** Deliveries per execution before it fails for good. Default 3. */
  attempts?: number;
  /** Backoff before retry n is `backoffMs * 2^(n-1)`. Default 1000. */
  backoffMs?: number;
}

interface Entry {
  id: string;
  priority: number;
  seq: number;
  attempt: number;
  state: 'ready' | 'delayed' | 'parked' | 'active';
  timer?: ReturnType<typeof setTimeout>;
  controller?: AbortController;
  delayMs?: number;
}

interface WorkflowSlots {
  limit: number;
  holders: Set<string>;
  parked: Entry[];
}

/**
 * In-process queue for embedded mode: same semantics as the BullMQ queue (priority, FIFO per
 * priority, idempotent enqueue, per-workflow limits, retries, cancel), nothing survives the process —
 * the runner re-enqueues unfinished executions from the store at start.
 */
export class MemoryExecutionQueue implements ExecutionQueue {
  readonly #entries = new Map<string, Entry>();
  readonly #ready: Entry[] = [];
  readonly #workflows = new Map<string, WorkflowSlots>();
  readonly #slotOf = new Map<string, string>();
  readonly #running = new Set<Promise<void>>();
  readonly #attempts: number;
  readonly #backoffMs: number;
  #seq = 0;
  #handler?: ExecutionHandler;
  #options: ProcessOptions = {};
  #concurrency = 10;
  #active = 0;
  #closed = false;

  constructor(options: MemoryQueueOptions = {}) {
    this.#attempts = options.attempts ?? 3;
    this.#backoffMs = options.backoffMs ?? 1000;
  }

  async enqueue(executionId: string, options: EnqueueOptions = {}): Promise<void> {
    checkEnqueue(executionId, options);
    if (this.#closed) throw new Error('queue is closed');
    if (this.#entries.has(executionId)) return;
    const entry: Entry = {
      id: executionId,
      priority: options.priority ?? DEFAULT_PRIORITY,
      seq: this.#seq++,
      attempt: 1,
      state: 'ready',
      delayMs: options.delayMs,
    };
    this.#entries.set(executionId, entry);
    if (options.workflowId && options.maxConcurrency) {
      let slots = this.#workflows.get(options.workflowId);
      if (!slots)
        this.#workflows.set(options.workflowId, (slots = { limit: 0, holders: new Set(), parked: [] }));
      slots.limit = options.maxConcurrency;
      if (slots.holders.size >= slots.limit) {
        entry.state = 'parked';
        slots.parked.push(entry);
        return;
      }
      slots.holders.add(executionId);
      this.#slotOf.set(executionId, options.workflowId);
    }
    this.#admit(entry, options.delayMs);
  }

  process(handler: ExecutionHandler, options: ProcessOptions = {}): void {
    if (this.#handler) throw new Error('process() was already called');
    this.#handler = handler;
    this.#options = options;
    this.#concurrency = options.concurrency ?? 10;
    this.#pump();
  }

  async cancel(executionId: string): Promise<boolean> {
    const entry = this.#entries.get(executionId);
    if (!entry || entry.state === 'active') return false;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.state === 'ready') this.#ready.splice(this.#ready.indexOf(entry), 1);
    if (entry.state === 'parked') {
      for (const slots of this.#workflows.values()) {
        const i = slots.parked.indexOf(entry);
        if (i >= 0) slots.parked.splice(i, 1);
      }
    }
    this.#finish(executionId);
    return true;
  }

  abortLocal(executionId: string, reason = 'aborted'): boolean {
    const entry = this.#entries.get(executionId);
    if (entry?.state !== 'active' || !entry.controller) return false;
    entry.controller.abort(new Error(reason));
    return true;
  }

  async counts(): Promise<QueueCounts> {
    let parked = 0;
    for (const slots of this.#workflows.values()) parked += slots.parked.length;
    return { waiting: this.#entries.size - this.#active - parked, active: this.#active, parked };
  }

  async close(timeoutMs = 10_000): Promise<void> {
    this.#closed = true;
    for (const entry of this.#entries.values()) if (entry.timer) clearTimeout(entry.timer);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#running]), timeout]);
    clearTimeout(timer);
    for (const entry of this.#entries.values()) entry.controller?.abort(new Error('queue closed'));
  }

  #admit(entry: Entry, delayMs?: number): void {
    if (delayMs && delayMs > 0) {
      entry.state = 'delayed';
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.#admit(entry);
      }, delayMs);
      return;
    }
    entry.state = 'ready';
    // Binary insertion keeps (priority, seq) order: FIFO within a priority.
    let lo = 0;
    let hi = this.#ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.#ready[mid];
      if (m.priority < entry.priority || (m.priority === entry.priority && m.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#ready.splice(lo, 0, entry);
    this.#pump();
  }

  #pump(): void {
    while (this.#handler && !this.#closed && this.#active < this.#concurrency && this.#ready.length > 0) {
      const entry = this.#ready.shift()!;
      const run = this.#run(entry);
      this.#running.add(run);
      void run.finally(() => this.#running.delete(run));
    }
  }

  async #run(entry: Entry): Promise<void> {
    entry.state = 'active';
    entry.controller = new AbortController();
    this.#active++;
    let failure: Error | undefined;
    let requeue: Requeue | undefined;
    try {
      requeue =
        (await this.#handler!({
          executionId: entry.id,
          attempt: entry.attempt,
          signal: entry.controller.signal,
        })) ?? undefined;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    this.#active--;
    entry.controller = undefined;
    if (this.#closed) return;
    if (!failure && requeue) {
      // Same execution, later: keeps its workflow slot, starts a fresh attempt count.
      entry.attempt = 1;
      this.#admit(entry, requeue.requeueDelayMs);
    } else if (failure && !isNonRetriable(failure) && entry.attempt < this.#attempts) {
      entry.attempt++;
      this.#admit(entry, this.#backoffMs * 2 ** (entry.attempt - 2));
    } else {
      if (failure) await this.#options.onFinalFailure?.(entry.id, failure).catch(() => {});
      this.#finish(entry.id);
    }
    this.#pump();
  }

  /** Forgets an execution and hands its workflow slot to the next parked one (FIFO). */
  #finish(executionId: string): void {
    this.#entries.delete(executionId);
    const workflowId = this.#slotOf.get(executionId);
    if (!workflowId) return;
    this.#slotOf.delete(executionId);
    const slots = this.#workflows.get(workflowId)!;
    slots.holders.delete(executionId);
    while (slots.holders.size < slots.limit && slots.parked.length > 0) {
      const next = slots.parked.shift()!;
      slots.holders.add(next.id);
      this.#slotOf.set(next.id, workflowId);
      this.#admit(next, next.delayMs);
    }
    if (slots.holders.size === 0 && slots.parked.length === 0) this.#workflows.delete(workflowId);
  }
}
