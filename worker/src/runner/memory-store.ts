import type { RunData, TaskData } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import type { RunDataLimit } from './run-data-limit.ts';
import {
  type CustomData,
  type ExecutionRecord,
  type ExecutionStore,
  type FinalState,
  isFinal,
  type RetentionPolicy,
} from './store.ts';

const DAY = 86_400_000;

/**
 * In-memory `ExecutionStore` for tests and tools. Records are copied in and out so callers cannot
 * mutate stored state by accident.
 */
export class MemoryExecutionStore implements ExecutionStore {
  readonly records = new Map<string, ExecutionRecord>();
  readonly workflows = new Map<string, WorkflowJson>();
  readonly #checkpoints = new Map<string, Map<string, TaskData>>();
  /** Custom data per execution, as stored. */
  readonly customData = new Map<string, CustomData>();
  /** None unless a test sets one. */
  runDataLimit?: RunDataLimit;

  /** Adds an execution; `workflow` is what `loadWorkflow` returns for it. */
  insert(
    record: Partial<ExecutionRecord> & Pick<ExecutionRecord, 'id' | 'workflowId'>,
    workflow?: WorkflowJson,
  ): ExecutionRecord {
    const full: ExecutionRecord = {
      versionId: null,
      status: 'queued',
      mode: 'manual',
      createdAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      runData: null,
      input: null,
      waitTill: null,
      heartbeatAt: null,
      parentExecutionId: null,
      ...record,
    };
    this.records.set(full.id, structuredClone(full));
    if (workflow) this.workflows.set(full.id, structuredClone(workflow));
    return full;
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    const r = this.records.get(id);
    return r ? structuredClone(r) : null;
  }

  async loadWorkflow(record: ExecutionRecord): Promise<WorkflowJson | null> {
    const w = this.workflows.get(record.id);
    return w ? structuredClone(w) : null;
  }

  async markRunning(id: string, at: number): Promise<boolean> {
    const r = this.records.get(id);
    if (!r || isFinal(r.status)) return false;
    r.status = 'running';
    r.startedAt ??= at;
    r.heartbeatAt = at;
    r.waitTill = null;
    return true;
  }

  #storeData(id: string, data: CustomData | undefined): void {
    if (data && Object.keys(data).length > 0)
      this.customData.set(id, { ...this.customData.get(id), ...data });
  }

  async saveCheckpoint(
    id: string,
    nodeName: string,
    runIndex: number,
    task: TaskData,
    customData?: CustomData,
  ): Promise<void> {
    if (!this.records.has(id)) return;
    this.#storeData(id, customData);
    let m = this.#checkpoints.get(id);
    if (!m) this.#checkpoints.set(id, (m = new Map()));
    m.set(`${runIndex}\u0000${nodeName}`, structuredClone(task));
  }

  async loadCheckpoints(id: string): Promise<RunData> {
    const out: RunData = structuredClone(this.records.get(id)?.runData ?? {});
    for (const [key, task] of this.#checkpoints.get(id) ?? []) {
      const [runIndex, nodeName] = [
        Number(key.slice(0, key.indexOf('\u0000'))),
        key.slice(key.indexOf('\u0000') + 1),
      ];
      (out[nodeName] ??= [])[runIndex] = structuredClone(task);
    }
    return out;
  }

  async loadCustomData(id: string): Promise<CustomData> {
    return { ...this.customData.get(id) };
  }

  async park(
    id: string,
    runData: RunData,
    waitTill: number | null,
    customData?: CustomData,
  ): Promise<boolean> {
    const r = this.records.get(id);
    if (r?.status !== 'running') return false;
    this.#storeData(id, customData);
    Object.assign(r, { status: 'waiting', runData: structuredClone(runData), waitTill });
    this.#checkpoints.delete(id);
    return true;
  }

  async finish(id: string, state: FinalState): Promise<boolean> {
    const r = this.records.get(id);
    if (!r || isFinal(r.status)) return false;
    Object.assign(r, {
      status: state.status,
      startedAt: r.startedAt ?? state.startedAt ?? null,
      finishedAt: state.finishedAt,
      error: state.error ?? null,
      runData: structuredClone(state.runData),
      waitTill: null,
    });
    this.#storeData(id, state.customData);
    this.#checkpoints.delete(id);
    return true;
  }

  async heartbeat(ids: string[], at: number): Promise<void> {
    for (const id of ids) {
      const r = this.records.get(id);
      if (r?.status === 'running') r.heartbeatAt = at;
    }
  }

  async findOrphans(staleBefore: number, limit: number): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    for (const r of this.records.values()) {
      const stale =
        (r.status === 'running' && (r.heartbeatAt ?? 0) < staleBefore) ||
        (r.status === 'queued' && r.createdAt < staleBefore) ||
        (r.status === 'waiting' && r.waitTill !== null && r.waitTill < staleBefore);
      if (stale) out.push(structuredClone(r));
      if (out.length >= limit) break;
    }
    return out;
  }

  async prune(policy: RetentionPolicy, now: number): Promise<number> {
    const doomed = new Set<string>();
    const finished = [...this.records.values()].filter((r) => isFinal(r.status));
    if (policy.maxAgeDays !== undefined) {
      for (const r of finished)
        if ((r.finishedAt ?? r.createdAt) < now - policy.maxAgeDays * DAY) doomed.add(r.id);
    }
    if (policy.keepLastPerWorkflow !== undefined) {
      const byWorkflow = new Map<string, ExecutionRecord[]>();
      for (const r of finished) byWorkflow.set(r.workflowId, [...(byWorkflow.get(r.workflowId) ?? []), r]);
      for (const list of byWorkflow.values()) {
        list.sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
        for (const r of list.slice(policy.keepLastPerWorkflow)) doomed.add(r.id);
      }
    }
    for (const id of doomed) {
      this.records.delete(id);
      this.workflows.delete(id);
      this.#checkpoints.delete(id);
      this.customData.delete(id);
    }
    return doomed.size;
  }
}
