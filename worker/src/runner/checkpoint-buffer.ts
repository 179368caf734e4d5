import type { TaskData } from '@tandem/shared/engine';
import type { CustomData, ExecutionStore } from './store.ts';

/**
 * Checkpoints of one execution. With `delayMs` 0 (the default) `add` resolves once the node's output is stored,
 * so the engine starts the next node only after it: a crash never re-runs a finished node. With `delayMs` > 0
 * they are written behind, in one go; an execution that finishes sooner writes none, and a crash re-runs at
 * most the last `delayMs` of finished nodes.
 */
export class CheckpointBuffer {
  readonly #store: ExecutionStore;
  readonly #id: string;
  readonly #delayMs: number;
  readonly #onError: (err: unknown) => void;
  #pending: Array<[string, number, TaskData, CustomData?]> = [];
  #timer?: ReturnType<typeof setTimeout>;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;
  #start?: () => Promise<boolean>;
  /** True once anything was handed to the store. */
  wrote = false;

  /**
   * `start`: issues the execution's mark-running write (memoised by the caller) and resolves whether it won; called
   * before the first write, which starts once it resolved true, never when false. With a store that commits writes
   * in issue order (`writesInOrder`), writes are issued at once instead, queued behind it: they commit with it or
   * after it, and none is issued once it resolved false.
   */
  constructor(
    store: ExecutionStore,
    executionId: string,
    delayMs: number,
    onError: (err: unknown) => void,
    start?: () => Promise<boolean>,
  ) {
    this.#store = store;
    this.#id = executionId;
    this.#delayMs = delayMs;
    this.#onError = onError;
    this.#start = start;
  }

  /** Before the first write: the mark-running write, issued now if it was not yet. */
  #afterStart(): void {
    const start = this.#start;
    if (!start) return;
    this.#start = undefined;
    const after = start();
    if (this.#store.writesInOrder) {
      after.then(
        (ok) => void (this.#closed ||= !ok),
        () => void (this.#closed = true),
      );
    } else this.#writing = this.#writing.then(() => after).then((ok) => void (this.#closed ||= !ok));
  }

  /** `customData`: the run's custom data when it changed since the last write, stored with this checkpoint. */
  add(nodeName: string, runIndex: number, task: TaskData, customData?: CustomData): Promise<void> {
    this.#pending.push([nodeName, runIndex, task, customData]);
    if (this.#delayMs <= 0) return this.flush();
    this.#timer ??= setTimeout(() => void this.flush(), this.#delayMs);
    return Promise.resolve();
  }

  /**
   * Buffers a checkpoint that nothing waits for (the last node of a run, a pure node): the next `add` writes it
   * along, `discard` drops it when the final state, which holds the same output, is written, and `flush` writes it
   * when the run stops without one.
   */
  keep(nodeName: string, runIndex: number, task: TaskData): void {
    this.#pending.push([nodeName, runIndex, task]);
  }

  /**
   * Writes everything buffered (in order, after earlier writes); `customData` (changed since the last write) goes
   * with the last of them.
   */
  flush(customData?: CustomData): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (customData && batch.length > 0) batch[batch.length - 1][3] = customData;
    if (batch.length) {
      this.wrote = true;
      this.#afterStart();
    }
    this.#writing = this.#writing.then(async () => {
      if (this.#closed) return;
      // Issued together: they are independent rows, and a group commit stores them in one go.
      await Promise.all(
        batch.map(([node, runIndex, task, customData]) =>
          this.#store.saveCheckpoint(this.#id, node, runIndex, task, customData).catch(this.#onError),
        ),
      );
    });
    return this.#writing;
  }

  /** Drops what is not written yet and waits for writes in flight (the final state supersedes them). */
  async discard(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
    await this.#writing;
  }
}
