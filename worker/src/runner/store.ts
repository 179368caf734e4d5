import type { Item, NodeErrorData, RunData, TaskData } from '@tandem/shared/engine';
import type { ExecutionMode, ExecutionStatus, WorkflowJson } from '@tandem/shared/schema';
import type { RunDataLimit } from './run-data-limit.ts';

/** What the trigger asked for; stored with the execution so a retry or replay can run it again. */
export interface ExecutionInput {
  /** Items the start node emits (webhook request, API `items`). */
  triggerItems?: Item[];
  startNode?: string;
  destinationNode?: string;
  /** Run only `destinationNode`, its input from the previous execution's run data. */
  runNodeOnly?: boolean;
  /** Execution whose run data a partial run reuses. */
  previousExecutionId?: string;
  /** Items a resume-webhook call brought to an execution parked by a Wait node: the Wait node's output. */
  resumeItems?: Item[];
  pinData?: Record<string, Item[]>;
  /** The event bus waiting for this webhook call's answer (`EventBus.replyTo` of the api process holding it). */
  replyTo?: string;
  /** Webhook response mode of the triggering call: the runner answers `lastNode` calls itself. */
  responseMode?: 'onReceived' | 'lastNode' | 'responseNode';
  /** `lastNode` answers: status code and what to send (n8n's Webhook `responseData`). */
  responseCode?: number;
  responseData?: 'firstEntryJson' | 'allEntries' | 'noData' | 'firstEntryBinary';
}

export interface ExecutionRecord {
  id: string;
  workflowId: string;
  /** Published version run; null for draft (editor) runs, whose snapshot the store keeps. */
  versionId: string | null;
  status: ExecutionStatus;
  mode: ExecutionMode;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: NodeErrorData | null;
  runData: RunData | null;
  input: ExecutionInput | null;
  /** Resume time of a `waiting` execution (ms epoch); null = waits for its resume webhook. */
  waitTill: number | null;
  /** Last sign of life from the worker running it. */
  heartbeatAt: number | null;
  parentExecutionId: string | null;
}

/** An execution's custom data (the Execution Data node): name → value, at most 10 names. */
export type CustomData = Record<string, string>;

export type FinalStatus = 'succeeded' | 'failed' | 'canceled';

export interface FinalState {
  status: FinalStatus;
  finishedAt: number;
  error?: NodeErrorData | null;
  /** null = not saved (per-workflow save mode). */
  runData: RunData | null;
  /** false when the caller knows no checkpoint was ever stored (saves a delete on the hot path). */
  checkpointed?: boolean;
  /** Set when the run was never marked running (it ended first): stored as its start unless one is stored. */
  startedAt?: number;
  /** The run's custom data, stored with the final state (omitted or empty: nothing to store). */
  customData?: CustomData;
}

export interface RetentionPolicy {
  /** Delete finished executions older than this many days. */
  maxAgeDays?: number;
  /** Keep only the newest N finished executions per workflow. */
  keepLastPerWorkflow?: number;
}

/**
 * Everything the runner needs from persistence. Implemented in memory (tests, `memory-store.ts`) and
 * over SQL (`api/src/storage/executions-store.ts`); both pass `store.contract.test.ts`'s suite.
 */
export interface ExecutionStore {
  get(id: string): Promise<ExecutionRecord | null>;
  /**
   * Optional: the record of an execution this process created and nothing wrote since, once (then null), so the
   * runner need not read back the row it just wrote. Null = use `get`.
   */
  claimCreated?(id: string): ExecutionRecord | null;
  /** The workflow to run: the version's frozen JSON, or the draft snapshot kept with the execution. */
  loadWorkflow(record: ExecutionRecord): Promise<WorkflowJson | null>;
  /**
   * True when this store commits every write after the writes of the same execution issued before it (same
   * transaction or a later one): the runner then queues a fresh run's first checkpoint right behind its mark-running
   * write instead of waiting for that write's commit, so both can share one commit.
   */
  readonly writesInOrder?: boolean;
  /**
   * How much run data one execution may store (none: no limit). The runner stops a run whose data grows past it
   * and fails it with the largest outputs' items dropped; a write refused as too large anyway rejects with
   * `RunDataTooLargeError`.
   */
  readonly runDataLimit?: RunDataLimit;
  /** queued | running | waiting → running (startedAt set once, heartbeat now). False when final or gone. */
  markRunning(id: string, at: number): Promise<boolean>;
  /** Records a finished node run for crash recovery. Idempotent per (id, node, runIndex). */
  saveCheckpoint(
    id: string,
    nodeName: string,
    runIndex: number,
    task: TaskData,
    /** Custom data set or changed since the last write, stored in the same commit (upserted by name). */
    customData?: CustomData,
  ): Promise<void>;
  /** Checkpointed run data, merged over the run data of a parked execution. */
  loadCheckpoints(id: string): Promise<RunData>;
  /** The custom data stored so far (parked or checkpointed runs, finished ones): what a resumed run starts with. */
  loadCustomData(id: string): Promise<CustomData>;
  /** running → waiting with the run data so far (and its custom data, when any). False when not running. */
  park(id: string, runData: RunData, waitTill: number | null, customData?: CustomData): Promise<boolean>;
  /**
   * Writes the final state iff the execution is not final yet (`where status in (queued, running, waiting)`);
   * sets `startedAt` when given and none is stored; drops its checkpoints. True for the one call that wrote it.
   */
  finish(id: string, state: FinalState): Promise<boolean>;
  heartbeat(ids: string[], at: number): Promise<void>;
  /**
   * Unfinished executions that may have lost their job: `running` with a heartbeat before `staleBefore`,
   * `queued` created before `staleBefore`, `waiting` with `waitTill` before `staleBefore`.
   */
  findOrphans(staleBefore: number, limit: number): Promise<ExecutionRecord[]>;
  /** Deletes finished executions outside the policy; returns how many. */
  prune(policy: RetentionPolicy, now: number): Promise<number>;
}

export const FINAL_STATUSES: readonly ExecutionStatus[] = ['succeeded', 'failed', 'canceled'];
export const isFinal = (s: ExecutionStatus) => FINAL_STATUSES.includes(s);
