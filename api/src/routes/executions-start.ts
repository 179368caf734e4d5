import type { ExecutionsRepo } from '@tandem/api/storage';
import type { ExecutionMode, WorkflowJson } from '@tandem/shared/schema';
import { newTimeId } from '@tandem/shared/util';
import { type ExecutionInput, type ExecutionRecord, type ExecutionServices, isFinal } from '@tandem/worker';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { inputJson } from './executions-input.ts';

/** The composition root sets `deps.executions`; without it the execution routes answer 503. */
export function servicesOf(deps: AppDeps): ExecutionServices {
  const s = (deps as AppDeps & { executions?: ExecutionServices }).executions;
  if (!s) throw new AppError('unavailable', 'Executions are not available in this process');
  return s;
}

/**
 * Creates a queued execution and enqueues it; with an already used idempotency key, answers that execution.
 * Input too deep or too large to store and run is refused (executions-input.ts).
 * `beforeEnqueue` runs before the job exists (subscribe there to miss nothing): with the new id while the row is
 * being written, or, with an idempotency key (the id is known only once written), after the row exists.
 */
export async function startExecution(
  deps: AppDeps,
  o: {
    workflowId: string;
    versionId: string | null;
    workflowJson?: WorkflowJson | null;
    settings?: WorkflowJson['settings'];
    mode: ExecutionMode;
    createdBy: string | null;
    input: ExecutionInput;
    idempotencyKey?: string | null;
    retryOf?: string | null;
    /** The execution this one was started by (sub-workflow without waiting, error workflow). */
    parentExecutionId?: string | null;
    beforeEnqueue?: (id: string) => Promise<void>;
  },
): Promise<{ record: ExecutionRecord; created: boolean }> {
  const { queue } = servicesOf(deps);
  const input = inputJson(o.input);
  const repo = deps.storage.executions as ExecutionsRepo;
  // Time-ordered: executions are inserted at a high rate (see newTimeId).
  const id = newTimeId();
  const creating = repo.create({
    id,
    workflowId: o.workflowId,
    versionId: o.versionId,
    workflowJson: o.workflowJson ?? null,
    mode: o.mode,
    createdBy: o.createdBy,
    input: o.input,
    inputJson: input,
    idempotencyKey: o.idempotencyKey ?? null,
    retryOf: o.retryOf ?? null,
    parentExecutionId: o.parentExecutionId ?? null,
  });
  let result: Awaited<typeof creating>;
  if (o.beforeEnqueue && !o.idempotencyKey) {
    // Two round trips at once (the insert's commit and, for a webhook, Redis' SUBSCRIBE), both settled before the
    // job exists or an error is thrown (so the caller can undo a subscription that did happen).
    const [created, before] = await Promise.allSettled([creating, o.beforeEnqueue(id)]);
    if (created.status === 'rejected') throw created.reason;
    if (before.status === 'rejected') throw before.reason;
    result = created.value;
  } else {
    result = await creating;
    await o.beforeEnqueue?.(result.record.id);
  }
  if (result.created || result.record.status === 'queued') {
    const max = o.settings?.maxConcurrency;
    await queue.enqueue(
      result.record.id,
      max
        ? { workflowId: o.workflowId, maxConcurrency: max }
        : // Committed above: its first delivery need not read it back.
          { fresh: result.created, created: result.created ? result.record : undefined },
    );
  }
  return result;
}

/** Resolves true when the execution reaches a final state within `timeoutMs`. Subscribe-then-check: no lost wakeups. */
export async function awaitFinal(deps: AppDeps, id: string, timeoutMs: number): Promise<boolean> {
  const { events } = servicesOf(deps);
  let resolve!: (v: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const unsubscribe = await events.subscribeExecution(id, (m) => {
    if (m.type === 'execution.finished' && m.status !== 'waiting') resolve(true);
  });
  const timer = setTimeout(() => resolve(false), timeoutMs);
  try {
    const now = await deps.storage.executions.get(id);
    if (!now || isFinal(now.status)) return true;
    return await done;
  } finally {
    clearTimeout(timer);
    await unsubscribe();
  }
}
