import type {
  EngineServices,
  NodeErrorData,
  NodeTypeRegistry,
  RunResult,
  RunWorkflowOptions,
  TaskData,
  WebhookResponse,
} from '@tandem/shared/engine';
import { canonicalNodeType, type ExecutionEvent, type WorkflowJson } from '@tandem/shared/schema';
import pino, { type Logger } from 'pino';
import { type EventBus, reachesExecutionChannel } from '../events/types.ts';
import type { JobContext, Requeue } from '../queue/types.ts';
import { chainTail } from './chain-end.ts';
import { CheckpointBuffer } from './checkpoint-buffer.ts';
import { ENGINE_MODE, errorWorkflowCall, type RunErrorWorkflow } from './error-workflow.ts';
import { lastNodeJson, nodeFinishedEvent, summarizeError } from './events-of-task.ts';
import { hostFailure } from './host-failure.ts';
import { dropLargestItems, RunDataTooLargeError, runDataSize } from './run-data-limit.ts';
import {
  type CustomData,
  type ExecutionRecord,
  type ExecutionStore,
  type FinalState,
  type FinalStatus,
  isFinal,
} from './store.ts';

export type SaveMode = 'all' | 'errors' | 'none';

export interface RunnerOptions {
  store: ExecutionStore;
  events: EventBus;
  /** The engine's `runWorkflow`. */
  runWorkflow: (options: RunWorkflowOptions) => Promise<RunResult>;
  nodeTypes: NodeTypeRegistry;
  /** Per-execution host services (credentials, guarded fetch, sub-workflows); `now` is supplied. */
  services?: (record: ExecutionRecord, workflow: WorkflowJson) => Partial<EngineServices>;
  /** Used when the workflow's `settings.saveExecutionData` is unset. Default `all`. */
  defaultSaveMode?: SaveMode;
  /**
   * 0 (default): a finished node's output is stored before the next node starts (a crash never re-runs it).
   * More: written behind by up to this many ms (faster; a crash may re-run the last nodes).
   */
  checkpointDelayMs?: number;
  /**
   * Failure watcher: called once per failed execution, by whoever wrote its final state `failed` (a run here,
   * `failFinally`, the reaper through it), not awaited. Errors are only logged.
   */
  onFailed?: (record: ExecutionRecord, workflow: WorkflowJson, result: RunResult) => Promise<void> | void;
  /**
   * Starts a workflow's error workflow (`settings.errorWorkflow`): once per failed execution, by whoever wrote its
   * final state `failed` (a run here, `failFinally`, the reaper through it). Errors are only logged.
   */
  runErrorWorkflow?: RunErrorWorkflow;
  now?: () => number;
  logger?: Logger;
}

/** Thrown when the process shuts down mid-run: the job goes back to the queue and resumes elsewhere. */
export class ShutdownError extends Error {
  override readonly name = 'ShutdownError';
}

/** How long a fresh run may go before its row is marked running (a shorter one has it written with its end). */
const MARK_RUNNING_AFTER_MS = 50;

const FINAL: Record<'success' | 'error' | 'canceled', FinalStatus> = {
  success: 'succeeded',
  error: 'failed',
  canceled: 'canceled',
};

/**
 * Runs one execution per queue delivery: load, mark running, run the engine from the last checkpoint,
 * publish live events, write the final state exactly once. Use `runner.handle` as the queue handler.
 */
export class ExecutionRunner {
  readonly #o: RunnerOptions;
  readonly #now: () => number;
  readonly #log: Logger;
  readonly #active = new Map<string, AbortController>();
  /** Cancels that arrived before the execution started here (the race between dequeue and mark-running). */
  readonly #earlyCancels = new Map<string, number>();

  constructor(options: RunnerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#log = options.logger ?? pino({ level: 'silent' });
  }

  /** Ids of the executions running in this process. */
  get activeIds(): string[] {
    return [...this.#active.keys()];
  }

  /** Aborts a running execution here; otherwise remembers the request for a minute. True when it ran here. */
  abort(executionId: string): boolean {
    const c = this.#active.get(executionId);
    if (c) {
      c.abort(new Error('canceled'));
      return true;
    }
    const now = this.#now();
    for (const [id, at] of this.#earlyCancels) if (at < now - 60_000) this.#earlyCancels.delete(id);
    this.#earlyCancels.set(executionId, now);
    return false;
  }

  /**
   * `onFinalFailure` for the queue: the execution could not run at all (store down, attempts exhausted). What failed
   * it is the host, never a node (the engine keeps a node's error as the run's): the raw error is logged, the
   * execution stores a message for its viewers (host-failure.ts).
   */
  failFinally = (executionId: string, error: Error): Promise<void> => {
    this.#log.error({ err: error, executionId }, 'execution failed outside its nodes');
    return this.fail(executionId, hostFailure(executionId, error));
  };

  /**
   * Finishes an execution `failed` with `error` unless it is final already (the queue's final failure, the reaper
   * giving up on it); the one call that wrote it answers a waiting webhook call, publishes the end and calls the
   * failure hooks (failure watcher, error workflow).
   */
  fail = async (executionId: string, error: NodeErrorData): Promise<void> => {
    const record = await this.#o.store.get(executionId);
    if (!record) return;
    if (
      await this.#o.store.finish(executionId, {
        status: 'failed',
        finishedAt: this.#now(),
        error,
        runData: record.runData,
      })
    ) {
      await this.#answerFailure(record);
      await this.#publish({
        type: 'execution.finished',
        ...this.#base(record),
        status: 'failed',
        durationMs: 0,
        error,
      });
      const finishedAt = this.#now();
      await this.#afterFailure(record, null, {
        status: 'error',
        runData: record.runData ?? {},
        error,
        startedAt: record.startedAt ?? finishedAt,
        finishedAt,
      });
    }
  };

  /** The queue handler. */
  handle = async (ctx: JobContext): Promise<Requeue | undefined> => {
    const { store } = this.#o;
    const id = ctx.executionId;
    const record = store.claimCreated?.(id) ?? ctx.created ?? (await store.get(id));
    if (!record || isFinal(record.status)) return; // deleted, or a duplicate delivery of a finished run
    const now = this.#now();
    if (record.status === 'waiting' && record.waitTill !== null && record.waitTill > now + 50) {
      return { requeueDelayMs: record.waitTill - now };
    }
    const workflow = await store.loadWorkflow(record);
    if (!workflow) {
      const error = {
        name: 'NonRetriableError',
        message: 'The workflow version of this execution no longer exists',
      };
      if (await store.finish(id, { status: 'failed', finishedAt: now, error, runData: null })) {
        await this.#answerFailure(record);
        await this.#publish({
          type: 'execution.finished',
          ...this.#base(record),
          status: 'failed',
          durationMs: 0,
          error,
        });
      }
      return;
    }
    // A first delivery of a queued execution has nothing to resume from.
    const fresh = record.status === 'queued' && record.startedAt === null;
    if (fresh) return this.#run(ctx, record, workflow, {}, {}, fresh);
    if (!(await store.markRunning(id, now))) return;
    // A resume (Wait, crash, retry of a stalled job) starts with the custom data stored before it.
    const [runData, customData] = await Promise.all([store.loadCheckpoints(id), store.loadCustomData(id)]);
    return this.#run(ctx, record, workflow, runData, customData, fresh);
  };

  async #run(
    ctx: JobContext,
    record: ExecutionRecord,
    workflow: WorkflowJson,
    resumeRunData: Record<string, TaskData[]>,
    customData: CustomData,
    fresh: boolean,
  ): Promise<Requeue | undefined> {
    const { store } = this.#o;
    const id = record.id;
    const controller = new AbortController();
    const onShutdown = () => controller.abort(new ShutdownError('worker shutting down'));
    ctx.signal.addEventListener('abort', onShutdown);
    this.#active.set(id, controller);
    if (this.#earlyCancels.delete(id)) controller.abort(new Error('canceled'));
    const startedAt = this.#now();
    const pending = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>, what: string) => {
      const q = p
        .catch((err) => this.#log.warn({ err, executionId: id }, what))
        .finally(() => pending.delete(q));
      pending.add(q);
    };
    let lost = false;
    let startError: unknown;
    // A fresh run's mark-running write is issued only when something needs the row to say `running`: before its
    // first checkpoint (a resume must see the run as started), before it parks, or once it has run for
    // MARK_RUNNING_AFTER_MS (the executions list, heartbeats, the reaper). A run that ends sooner has it folded into
    // its final write (`FinalState.startedAt`). Issued, it is not waited for: every later write of this run is
    // ordered after it. Should it lose (canceled meanwhile), the run is aborted and its final write, conditional on
    // an unfinished row, changes nothing.
    let started: Promise<boolean> | undefined = fresh ? undefined : Promise.resolve(true);
    const start = () =>
      (started ??= store.markRunning(id, startedAt).then(
        (ok) => {
          if (ok) return true;
          lost = true;
          controller.abort(new Error('canceled'));
          return false;
        },
        (err) => {
          lost = true;
          startError = err;
          controller.abort(err);
          return false;
        },
      ));
    const markLater = started ? undefined : setTimeout(start, MARK_RUNNING_AFTER_MS);
    markLater?.unref?.();
    // Run data past what the store can keep stops the run before its next node: nothing after it could be stored.
    const limit = store.runDataLimit;
    let size = 0;
    let tooLarge: RunDataTooLargeError | undefined;
    const stopTooLarge = (err: RunDataTooLargeError) => {
      tooLarge ??= err;
      controller.abort(err);
    };
    // Checkpoints are written after the mark-running write: once it committed, or, with a store that commits in
    // issue order, queued right behind it (one commit for both).
    const checkpoints = new CheckpointBuffer(
      store,
      id,
      this.#o.checkpointDelayMs ?? 0,
      (err) =>
        err instanceof RunDataTooLargeError
          ? stopTooLarge(err)
          : this.#log.warn({ err, executionId: id }, 'checkpoint'),
      start,
    );
    // The run changes `customData` in place (Execution Data node); a checkpoint carries it when it changed since the
    // last write, so a crash resumes with it. A run without custom data never serialises anything for it.
    let storedData = hasKeys(customData) ? JSON.stringify(customData) : '';
    const changedData = (): CustomData | undefined => {
      if (!hasKeys(customData)) return undefined;
      const now = JSON.stringify(customData);
      if (now === storedData) return undefined;
      storedData = now;
      return { ...customData };
    };
    const input = record.input ?? {};
    const { triggers, pure } = nodeKinds(workflow, this.#o.nodeTypes);
    const tail = chainTail(workflow, input.startNode);
    const end = tail?.end ?? null;
    const wantsAnswer = waitsForAnswer(record);
    // A Respond to Webhook node ending a plain chain after a checkpointed node: its one effect, the answer, is held
    // until the final state is committed, so the node before it need not be committed first either. That node's
    // output (the answer's input) goes with the final state: one commit per run fewer, and the answer still leaves
    // only once its input is stored. (After a trigger, nothing is committed first: the answer goes at once.)
    const beforeAnswer =
      wantsAnswer && tail?.beforeEnd && isRespond(workflow, tail.end) && !triggers.has(tail.beforeEnd)
        ? tail.beforeEnd
        : null;
    let held: WebhookResponse | undefined;
    let answered = false;
    const answer = (response: WebhookResponse) => {
      if (answered || !wantsAnswer) return;
      answered = true;
      track(
        this.#o.events.publishWebhookResponse(toMessage(id, response), input.replyTo),
        'webhook response',
      );
    };
    const sendWebhookResponse = (response: WebhookResponse) => {
      if (beforeAnswer) held ??= response;
      else answer(response);
    };
    void this.#publish({
      type: 'execution.started',
      ...this.#base(record),
      mode: record.mode,
      versionId: record.versionId,
    });

    // A partial run reuses the run data of the execution it continues (only ever one of the same workflow).
    const previous = input.previousExecutionId ? await store.get(input.previousExecutionId) : null;
    const previousRunData =
      previous?.workflowId === record.workflowId ? (previous.runData ?? undefined) : undefined;
    let result: RunResult;
    try {
      result = await this.#o.runWorkflow({
        workflow,
        // A published version's workflow is parsed once and shared by its runs (the store's version cache).
        immutableWorkflow: record.versionId !== null,
        nodeTypes: this.#o.nodeTypes,
        services: { ...this.#o.services?.(record, workflow), now: this.#now, sendWebhookResponse },
        executionId: id,
        mode: ENGINE_MODE[record.mode],
        triggerItems: input.triggerItems,
        startNode: input.startNode,
        destinationNode: input.destinationNode,
        runNodeOnly: input.runNodeOnly,
        previousRunData,
        pinData: input.pinData,
        customData,
        resumeFrom:
          Object.keys(resumeRunData).length > 0
            ? {
                runData: resumeRunData,
                resumedNodeOutput: input.resumeItems ? [input.resumeItems] : undefined,
              }
            : undefined,
        signal: controller.signal,
        hooks: {
          nodeStarted: (nodeName, runIndex) => {
            if (this.#listened(record.workflowId))
              void this.#publish({ type: 'node.started', ...this.#base(record), nodeName, runIndex });
          },
          nodeFinished: (nodeName, runIndex, task) => {
            if (this.#listened(record.workflowId))
              void this.#publish(nodeFinishedEvent(this.#base(record), nodeName, runIndex, task));
            if (limit && (size += limit.sizeOf(task)) > limit.maxChars) {
              stopTooLarge(new RunDataTooLargeError(size, limit.maxChars));
              return; // not stored: the final state keeps it without its items
            }
            // Trigger nodes only reshape the stored input: running them again is harmless, storing them is not free.
            if (triggers.has(nodeName)) return;
            // Nothing waits for these: no node starts after the end, the answer waits for the final state, and a
            // pure node can run again after a crash with nothing outside the run seeing it twice. They are stored
            // with the next node's checkpoint that is waited for, or with the final state.
            if (nodeName === end || nodeName === beforeAnswer || pure.has(nodeName))
              return checkpoints.keep(nodeName, runIndex, task);
            return checkpoints.add(nodeName, runIndex, task, changedData());
          },
        },
      });
    } finally {
      this.#active.delete(id);
      ctx.signal.removeEventListener('abort', onShutdown);
      clearTimeout(markLater);
    }
    await Promise.all(pending);
    await started;
    if (lost) {
      // Not ours to finish (canceled or removed before it started): nothing of it is written.
      await checkpoints.discard();
      if (startError !== undefined) throw startError; // the store failed: the queue retries
      return;
    }
    if (ctx.signal.aborted) {
      await checkpoints.flush(changedData()); // the next worker resumes from here
      if (held) answer(held); // its input is stored now
      await Promise.all(pending);
      throw new ShutdownError('worker shutting down');
    }
    await checkpoints.discard();

    const saveMode =
      (workflow.settings?.saveExecutionData as SaveMode | undefined) ?? this.#o.defaultSaveMode ?? 'all';
    if (limit && !tooLarge && (saveMode !== 'none' || result.status === 'waiting')) {
      // With the data this run resumed from or reuses, which the tasks above did not count.
      const total = runDataSize(result.runData, limit);
      if (total > limit.maxChars) tooLarge = new RunDataTooLargeError(total, limit.maxChars);
    }

    if (result.status === 'waiting' && !tooLarge) {
      // Parking needs a running row.
      if (!(await start())) {
        if (startError !== undefined) throw startError;
        return;
      }
      const data = hasKeys(customData) ? customData : undefined;
      if (await store.park(id, result.runData, result.waitTill ?? null, data)) {
        await this.#publish({
          type: 'execution.finished',
          ...this.#base(record),
          status: 'waiting',
          durationMs: this.#now() - startedAt,
        });
      }
      return result.waitTill != null
        ? { requeueDelayMs: Math.max(0, result.waitTill - this.#now()) }
        : undefined;
    }

    const tooLargeError = (err: RunDataTooLargeError) => ({ name: err.name, message: err.message });
    // (Still `waiting` here only when too large to park.)
    let status: FinalStatus = tooLarge || result.status === 'waiting' ? 'failed' : FINAL[result.status];
    let error = tooLarge ? tooLargeError(tooLarge) : (result.error ?? null);
    const keep = saveMode === 'all' || (saveMode === 'errors' && status !== 'succeeded');
    const finishedAt = this.#now();
    const final: FinalState = {
      status,
      finishedAt,
      error,
      runData: keep ? (tooLarge && limit ? dropLargestItems(result.runData, limit) : result.runData) : null,
      checkpointed: checkpoints.wrote || !fresh,
      startedAt: started ? undefined : startedAt,
      ...(hasKeys(customData) ? { customData } : {}),
    };
    let wrote: boolean;
    try {
      wrote = await store.finish(id, final);
    } catch (err) {
      // Refused by the database as too large after all: failed, with every node's items dropped.
      if (!(err instanceof RunDataTooLargeError)) throw err;
      status = 'failed';
      error = tooLargeError(err);
      const lean = final.runData && limit ? dropLargestItems(final.runData, { ...limit, maxChars: 0 }) : null;
      wrote = await store.finish(id, { ...final, status, error, runData: lean });
    }
    if (!wrote) return;
    const erroring =
      status === 'failed'
        ? this.#afterFailure(record, workflow, { ...result, status: 'error', error: error ?? undefined })
        : undefined;
    if (held) answer(held);
    else if (wantsAnswer && !answered) {
      answer(
        status === 'succeeded'
          ? {
              statusCode: input.responseCode ?? 200,
              body: lastNodeJson(result.runData, result.lastNodeExecuted, input.responseData),
            }
          : status === 'canceled'
            ? { statusCode: 500, body: { message: 'Execution was canceled' } }
            : FAILED_ANSWER,
      );
    }
    // Issued in the answer's turn (one write to Redis for both), after it: a bus keeps the order of its publishes.
    const ended = this.#publish({
      type: 'execution.finished',
      ...this.#base(record),
      status,
      durationMs: finishedAt - startedAt,
      // Names a node only when a node threw it, as the stored error does (not a timeout or cancel of the run).
      error: summarizeError(error),
    });
    await Promise.all(pending);
    await ended;
    await erroring;
  }

  /**
   * After this process wrote an execution's final state `failed` (so once per execution): the failure watcher
   * (`onFailed`, not awaited) and its workflow's error workflow, if it names one. `workflow` null: loaded here.
   */
  async #afterFailure(
    record: ExecutionRecord,
    workflow: WorkflowJson | null,
    failed: RunResult,
  ): Promise<void> {
    const { onFailed, runErrorWorkflow } = this.#o;
    if (!onFailed && !runErrorWorkflow) return;
    const wf =
      workflow ??
      (await this.#o.store.loadWorkflow(record).catch((err) => {
        this.#log.warn({ err, executionId: record.id }, 'failure hooks: workflow not loaded');
        return null;
      }));
    if (!wf) return;
    if (onFailed) {
      void Promise.resolve()
        .then(() => onFailed(record, wf, failed))
        .catch((err) => this.#log.warn({ err, executionId: record.id }, 'failure hook failed'));
    }
    if (!runErrorWorkflow) return;
    try {
      const call = errorWorkflowCall(record, wf, failed.error ?? FAILED, failed.lastNodeExecuted);
      if (call) await runErrorWorkflow(record, call.errorWorkflowId, call.item);
    } catch (err) {
      this.#log.warn({ err, executionId: record.id }, 'error workflow failed to start');
    }
  }

  /** A webhook call waiting for a run that ended before it ran (workflow gone, could not start) gets the failure. */
  async #answerFailure(record: ExecutionRecord): Promise<void> {
    if (!waitsForAnswer(record)) return;
    await this.#o.events
      .publishWebhookResponse(toMessage(record.id, FAILED_ANSWER), record.input?.replyTo)
      .catch((err) => this.#log.warn({ err, executionId: record.id }, 'webhook response'));
  }

  /**
   * Whether an event can reach anyone: most runs have no viewer, and events nobody gets are not made. Events go to
   * the workflow's channel, the run's end also to the execution's (reachesExecutionChannel).
   */
  #listened(workflowId: string, executionId?: string): boolean {
    return this.#o.events.hasListeners?.(workflowId, executionId) ?? true;
  }

  #base(record: ExecutionRecord) {
    return { executionId: record.id, workflowId: record.workflowId, at: this.#now() };
  }

  async #publish(event: ExecutionEvent): Promise<void> {
    if (!this.#listened(event.workflowId, reachesExecutionChannel(event) ? event.executionId : undefined))
      return;
    try {
      await this.#o.events.publish(event);
    } catch (err) {
      this.#log.warn({ err, type: event.type }, 'event publish failed');
    }
  }
}

const FAILED: NodeErrorData = { name: 'WorkflowError', message: 'Execution failed' };
const FAILED_ANSWER: WebhookResponse = { statusCode: 500, body: { message: 'Error in workflow' } };

/** A webhook call holds its connection open for this run's answer (not answered on receipt). */
function waitsForAnswer(record: ExecutionRecord): boolean {
  return (
    (record.mode === 'webhook' || record.mode === 'webhook-test') &&
    record.input?.responseMode !== 'onReceived'
  );
}

/** Respond to Webhook (worker/src/nodes/respond-to-webhook.ts): no effect but the answer it hands to the host. */
function isRespond(workflow: WorkflowJson, nodeName: string): boolean {
  const node = workflow.nodes.find((n) => n.name === nodeName);
  return !!node && canonicalNodeType(node.type) === 'respondToWebhook';
}

/** True when `o` has an own key (without listing them). */
function hasKeys(o: CustomData): boolean {
  for (const _ in o) return true;
  return false;
}

type NodeKinds = { triggers: Set<string>; pure: Set<string> };
const kindsOf = new WeakMap<WorkflowJson, NodeKinds>();

/**
 * Names of the workflow's trigger nodes and of its pure ones (`NodeDescription.pure`), cached per workflow object
 * (a published version's is shared by its runs).
 */
function nodeKinds(workflow: WorkflowJson, types: NodeTypeRegistry): NodeKinds {
  let kinds = kindsOf.get(workflow);
  if (!kinds) {
    kinds = { triggers: new Set(), pure: new Set() };
    for (const n of workflow.nodes) {
      const description = types.get(n.type, n.typeVersion)?.description;
      if (description?.trigger === true) kinds.triggers.add(n.name);
      else if (description?.pure === true) kinds.pure.add(n.name);
    }
    kindsOf.set(workflow, kinds);
  }
  return kinds;
}

function toMessage(executionId: string, r: WebhookResponse) {
  return {
    type: 'webhook.response' as const,
    executionId,
    statusCode: r.statusCode,
    headers: r.headers ?? {},
    body: r.binary ? { binary: r.binary } : r.body,
  };
}
