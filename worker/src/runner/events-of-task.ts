import type { NodeErrorData, RunData, TaskData } from '@tandem/shared/engine';
import type { ErrorSummary, NodeFinishedEvent } from '@tandem/shared/schema';

const count = (lists: ReadonlyArray<ReadonlyArray<unknown> | null> | undefined) =>
  (lists ?? []).reduce((n, l) => n + (l?.length ?? 0), 0);

/** A short, secret-free error summary for live events (no stack, no context). */
export function summarizeError(
  error: NodeErrorData | null | undefined,
  node?: string,
): ErrorSummary | undefined {
  if (!error) return undefined;
  return {
    message: String(error.message ?? 'error').slice(0, 2000),
    name: error.name?.slice(0, 200),
    node: (error.node ?? node)?.slice(0, 128),
  };
}

/**
 * The `node.finished` event for one task.
 * @example nodeFinishedEvent({ executionId, workflowId, at }, 'Code', 0, task)
 */
export function nodeFinishedEvent(
  base: { executionId: string; workflowId: string; at: number },
  nodeName: string,
  runIndex: number,
  task: TaskData,
): NodeFinishedEvent {
  const status = task.status === 'error' ? 'error' : task.status === 'canceled' ? 'canceled' : 'success';
  return {
    type: 'node.finished',
    ...base,
    nodeName,
    runIndex,
    status,
    itemsIn: count(task.inputData?.main),
    itemsOut: count(task.data?.main),
    durationMs: Math.max(0, task.executionTime ?? 0),
    error: summarizeError(task.error, nodeName),
  };
}

/**
 * n8n's "When Last Node Finishes" answer from the last node's first non-empty output:
 * first item's JSON (default), all items' JSON, or nothing.
 */
export function lastNodeJson(
  runData: RunData,
  lastNode: string | undefined,
  mode = 'firstEntryJson',
): unknown {
  if (mode === 'noData') return undefined;
  const runs = lastNode ? runData[lastNode] : undefined;
  const task = runs?.[runs.length - 1];
  for (const output of task?.data?.main ?? []) {
    if (output?.length) return mode === 'allEntries' ? output.map((i) => i.json) : output[0].json;
  }
  return mode === 'allEntries' ? [] : {};
}
