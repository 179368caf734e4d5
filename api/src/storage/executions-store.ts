import type { RunData, TaskData } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import type { ExecutionStore, FinalState, RunDataLimit } from '@tandem/worker';
import type { Connection } from './db.ts';
import { customDataOf, storeCustomData } from './executions-custom-data.ts';
import { pruneExecutions } from './executions-retention.ts';
import { type ExecutionRowOf, json, parse, toRecord } from './executions-rows.ts';
import { customDataPairs } from './executions-sqlite-ops.ts';
import type { ExecutionWriters } from './executions-writers.ts';

/** Default of the most run data an execution stores (EXECUTIONS_MAX_RUN_DATA_MB). */
export const MAX_RUN_DATA_CHARS = 15 * 1024 * 1024;
/** Room in a MySQL query for the statement around a run data literal. */
const STATEMENT_ROOM = 64 * 1024;

export type ExecutionsOptions = {
  /** Most characters of one execution's run data as JSON (default MAX_RUN_DATA_CHARS); MySQL: less if its packet is. */
  maxRunDataChars?: number;
};

/**
 * The runner's `ExecutionStore` on SQL (SQLite or MySQL): the hot-path writes go through the connection's group
 * commit (`w`), custom data with them. The final state is written by one conditional update, so exactly one
 * writer wins.
 * @example const store = executionStore(conn, executionWriters(conn), { maxRunDataChars: 1024 * 1024 });
 */
export function executionStore(
  conn: Connection,
  w: ExecutionWriters,
  options: ExecutionsOptions = {},
): ExecutionStore {
  const { affected, maxPacketBytes } = conn;
  const { q, run, hot, batched, texts, created, touched } = w;
  /** Versions are immutable: parse each once (bounded, oldest dropped first). */
  const versionCache = new Map<string, WorkflowJson>();
  // Checked by the runner before it writes; a statement that still exceeds the packet is refused by the writer.
  const runDataLimit: RunDataLimit = {
    maxChars: Math.min(
      options.maxRunDataChars ?? MAX_RUN_DATA_CHARS,
      maxPacketBytes ? maxPacketBytes - STATEMENT_ROOM : Number.POSITIVE_INFINITY,
    ),
    sizeOf: (task) => texts.task(task).length,
  };

  return {
    writesInOrder: batched?.inOrder ?? false,
    runDataLimit,
    async get(id) {
      if (hot) {
        const row = hot.get(id);
        return row ? toRecord(row as ExecutionRowOf) : null;
      }
      const [r] = (await run(q.get, { id })) as ExecutionRowOf[];
      return r ? toRecord(r) : null;
    },
    async loadWorkflow(record) {
      if (record.versionId) {
        const cached = versionCache.get(record.versionId);
        if (cached) return cached;
        const [v] = (await run(q.version, { id: record.versionId })) as { json: string }[];
        const wf = parse<WorkflowJson>(v?.json);
        if (wf) {
          if (versionCache.size >= 200) versionCache.delete(versionCache.keys().next().value!);
          versionCache.set(record.versionId, wf);
        }
        return wf;
      }
      const [r] = (await run(q.get, { id: record.id })) as ExecutionRowOf[];
      return parse<WorkflowJson>(r?.workflowJson);
    },
    claimCreated(id) {
      const record = created.get(id);
      if (!record) return null;
      created.delete(id);
      return record;
    },
    async markRunning(id, at) {
      touched(id);
      if (hot) return (await hot.markRunning(id, at)) > 0;
      if (batched) return (await batched.write({ k: 'markRunning', id, at })) > 0;
      return affected(await run(q.markRunning, { id, at })) > 0;
    },
    async saveCheckpoint(id, nodeName, runIndex, task, customData) {
      touched(id);
      const data = customDataPairs(customData);
      if (hot) {
        await hot.saveCheckpoint(id, nodeName, runIndex, texts.task(task), data);
        return;
      }
      if (batched) {
        await batched.write({ k: 'checkpoint', id, node: nodeName, runIndex, task: texts.task(task), data });
        return;
      }
      await run(q.saveCheckpoint, { executionId: id, nodeName, runIndex, task: texts.task(task) });
      await storeCustomData(conn, id, customData);
    },
    async loadCustomData(id) {
      return (await customDataOf(conn, [id])).get(id) ?? {};
    },
    async loadCheckpoints(id) {
      const [r] = (await run(q.get, { id })) as ExecutionRowOf[];
      const out: RunData = parse<RunData>(r?.runData) ?? {};
      const rows = (await run(q.checkpoints, {
        id,
      })) as Connection['t']['executionCheckpoints']['$inferSelect'][];
      for (const c of rows) (out[c.nodeName] ??= [])[c.runIndex] = JSON.parse(c.task) as TaskData;
      return out;
    },
    async park(id, runData, waitTill, customData) {
      touched(id);
      const data = customDataPairs(customData);
      if (hot) return (await hot.park(id, texts.runData(runData), waitTill, data)) > 0;
      if (batched)
        return (await batched.write({ k: 'park', id, runData: texts.runData(runData), waitTill, data })) > 0;
      const res = await run(q.park, { id, runData: texts.runData(runData), waitTill });
      if (affected(res) === 0) return false;
      await run(q.dropCheckpoints, { id });
      await storeCustomData(conn, id, customData);
      return true;
    },
    async finish(id, state: FinalState) {
      touched(id);
      const values = {
        status: state.status,
        startedAt: state.startedAt ?? null,
        finishedAt: state.finishedAt,
        error: json(state.error ?? null),
        runData: texts.runData(state.runData),
      };
      const dropCheckpoints = state.checkpointed !== false;
      const data = customDataPairs(state.customData);
      if (hot) return (await hot.finish(id, { ...values, data }, dropCheckpoints)) > 0;
      if (batched) return (await batched.write({ k: 'finish', id, ...values, dropCheckpoints, data })) > 0;
      if (affected(await run(q.finish, { id, ...values })) === 0) return false;
      if (dropCheckpoints) await run(q.dropCheckpoints, { id });
      await storeCustomData(conn, id, state.customData);
      return true;
    },
    async heartbeat(ids, at) {
      if (hot) return hot.heartbeat(ids, at);
      if (batched) {
        if (ids.length > 0) await batched.write({ k: 'heartbeat', ids, at });
        return;
      }
      for (const id of ids) await run(q.heartbeat, { id, at });
    },
    async findOrphans(staleBefore, limit) {
      const rows = (await run(q.orphans, { t: staleBefore, limit })) as ExecutionRowOf[];
      return rows.map(toRecord);
    },
    prune: (policy, now) => pruneExecutions(conn, policy, now),
  };
}
