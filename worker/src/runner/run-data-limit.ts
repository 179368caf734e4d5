import { NonRetriableError, type RunData, type TaskData } from '@tandem/shared/engine';

const MB = 1024 * 1024;

/** What a store can keep of one execution's run data (`ExecutionStore.runDataLimit`). */
export interface RunDataLimit {
  /** Most characters of run data as JSON. */
  maxChars: number;
  /** A task's size as the store writes it (its JSON text, kept for that write). */
  sizeOf(task: TaskData): number;
}

const mb = (n: number) => (n / MB).toFixed(1).replace(/\.0$/, '');

/**
 * The run's data is more than can be stored. Fails the run (no node threw it); running it again would not help.
 * @example new RunDataTooLargeError(21.3 * 2 ** 20, 15 * 2 ** 20).message // "The run's data is 21.3 MB, more than …"
 */
export class RunDataTooLargeError extends NonRetriableError {
  override name = 'RunDataTooLargeError';
  readonly size: number;
  readonly limit: number;
  constructor(size: number, limit: number) {
    super(
      `The run's data is ${mb(size)} MB, more than the ${mb(limit)} MB that can be stored; ` +
        'the items of its largest node outputs were not kept',
    );
    this.size = size;
    this.limit = limit;
  }
}

const countsOf = (lists: ReadonlyArray<ReadonlyArray<unknown> | null> | undefined) =>
  (lists ?? []).map((l) => l?.length ?? 0);

/** The task without its items: how many there were per output (`itemsDropped`) and per input. */
function withoutItems(task: TaskData): TaskData {
  const { inputData, ...rest } = task;
  return {
    ...rest,
    data: { main: (task.data?.main ?? []).map(() => []) },
    itemsDropped: countsOf(task.data?.main),
    ...(inputData ? { inputItemsDropped: countsOf(inputData.main) } : {}),
  };
}

/** Size of run data as the store writes it, from its tasks' sizes. */
export function runDataSize(runData: RunData, limit: RunDataLimit): number {
  let size = 2;
  for (const node in runData) {
    size += node.length + 6;
    for (const task of runData[node] ?? []) size += task ? limit.sizeOf(task) + 1 : 5;
  }
  return size;
}

/**
 * Run data that fits the limit: the items of the largest tasks are dropped (marked on each task), largest first,
 * until the rest fits. Status, timings, errors and item counts stay.
 */
export function dropLargestItems(runData: RunData, limit: RunDataLimit): RunData {
  let size = runDataSize(runData, limit);
  const out: RunData = {};
  const tasks: Array<[string, number, number]> = [];
  for (const node in runData) {
    const runs = [...(runData[node] ?? [])];
    out[node] = runs;
    for (let i = 0; i < runs.length; i++) if (runs[i]) tasks.push([node, i, limit.sizeOf(runs[i])]);
  }
  tasks.sort((a, b) => b[2] - a[2]);
  for (const [node, i, before] of tasks) {
    if (size <= limit.maxChars) break;
    const lean = withoutItems(out[node][i]);
    out[node][i] = lean;
    size -= before - limit.sizeOf(lean);
  }
  return out;
}
