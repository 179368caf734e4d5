// The ExecutionStore contract suite, run against every implementation (memory here, SQL in api/).
import type { TaskData } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord, ExecutionStore } from './store.ts';

export interface StoreHarness {
  store: ExecutionStore;
  /** Creates an execution (and whatever it references) so that `loadWorkflow` returns `workflow`. */
  insert(
    record: Partial<ExecutionRecord> & Pick<ExecutionRecord, 'id' | 'workflowId'>,
    workflow: WorkflowJson,
  ): Promise<void>;
  close(): Promise<void>;
}

const wf: WorkflowJson = { name: 'w', nodes: [], connections: {}, settings: {} };
const task = (n: number): TaskData => ({
  startTime: 1000 + n,
  executionTime: 5,
  status: 'success',
  data: { main: [[{ json: { n } }]] },
  source: [],
});
let seq = 0;
const uid = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Registers the contract tests for one implementation. */
export function executionStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`ExecutionStore contract (${name})`, () => {
    let h: StoreHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h?.close());

    it('marks running once, keeps startedAt, and refuses final executions', async () => {
      const id = uid('a');
      await h.insert({ id, workflowId: uid('w') }, wf);
      expect(await h.store.markRunning(id, 5000)).toBe(true);
      expect(await h.store.markRunning(id, 6000)).toBe(true); // re-delivery
      const r = (await h.store.get(id))!;
      expect(r).toMatchObject({ status: 'running', startedAt: 5000, heartbeatAt: 6000 });
      expect(await h.store.loadWorkflow(r)).toMatchObject({ name: 'w' });
      // A start given with the final state does not replace the stored one.
      const final = { status: 'succeeded', startedAt: 4000, finishedAt: 7000, runData: {} } as const;
      expect(await h.store.finish(id, final)).toBe(true);
      expect(await h.store.get(id)).toMatchObject({ startedAt: 5000, finishedAt: 7000 });
      expect(await h.store.markRunning(id, 8000)).toBe(false);
      expect(await h.store.markRunning('missing', 8000)).toBe(false);
      expect(await h.store.get('missing')).toBeNull();
    });

    it('a run that ended before it was marked running gets its start with its final state', async () => {
      const id = uid('s');
      await h.insert({ id, workflowId: uid('w') }, wf);
      expect(
        await h.store.finish(id, { status: 'succeeded', startedAt: 4000, finishedAt: 4010, runData: {} }),
      ).toBe(true);
      expect(await h.store.get(id)).toMatchObject({ status: 'succeeded', startedAt: 4000, finishedAt: 4010 });
      const canceled = uid('s');
      await h.insert({ id: canceled, workflowId: uid('w') }, wf);
      expect(await h.store.finish(canceled, { status: 'canceled', finishedAt: 4020, runData: null })).toBe(
        true,
      );
      expect(await h.store.get(canceled)).toMatchObject({ status: 'canceled', startedAt: null });
    });

    it('writes the final state exactly once, even when racing', async () => {
      const id = uid('b');
      await h.insert({ id, workflowId: uid('w') }, wf);
      await h.store.markRunning(id, 1);
      const results = await Promise.all(
        (['succeeded', 'failed', 'canceled'] as const).map((status) =>
          h.store.finish(id, {
            status,
            finishedAt: 2,
            runData: { X: [task(1)] },
            error: status === 'failed' ? { name: 'E', message: 'm' } : null,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const r = (await h.store.get(id))!;
      expect(['succeeded', 'failed', 'canceled'][results.indexOf(true)]).toBe(r.status);
      expect(r.finishedAt).toBe(2);
    });

    it('checkpoints finished nodes and drops them at finish', async () => {
      const id = uid('c');
      await h.insert({ id, workflowId: uid('w') }, wf);
      await h.store.markRunning(id, 1);
      await h.store.saveCheckpoint(id, 'A', 0, task(1));
      await h.store.saveCheckpoint(id, 'B', 0, task(2));
      await h.store.saveCheckpoint(id, 'B', 1, task(3));
      await h.store.saveCheckpoint(id, 'B', 1, task(4)); // idempotent per (node, runIndex): last wins
      const cp = await h.store.loadCheckpoints(id);
      expect(Object.keys(cp).sort()).toEqual(['A', 'B']);
      expect(cp.B.map((t) => t.data.main[0]![0].json.n)).toEqual([2, 4]);
      await h.store.finish(id, { status: 'succeeded', finishedAt: 2, runData: cp });
      expect((await h.store.get(id))!.runData).toEqual(cp);
      expect(await h.store.loadCheckpoints(id)).toEqual(cp); // run data of a finished run, no stale checkpoints
    });

    it('parks running executions and resumes them', async () => {
      const id = uid('d');
      await h.insert({ id, workflowId: uid('w') }, wf);
      expect(await h.store.park(id, { A: [task(1)] }, 9000)).toBe(false); // not running
      await h.store.markRunning(id, 1);
      expect(await h.store.park(id, { A: [task(1)] }, 9000)).toBe(true);
      expect(await h.store.get(id)).toMatchObject({ status: 'waiting', waitTill: 9000 });
      expect(await h.store.markRunning(id, 9001)).toBe(true);
      expect(Object.keys(await h.store.loadCheckpoints(id))).toEqual(['A']);
      const cancel = await h.store.finish(id, { status: 'canceled', finishedAt: 9002, runData: null });
      expect(cancel).toBe(true);
    });

    it('finds orphans: stale running, old queued, due waiting', async () => {
      const w = uid('w');
      const ids = {
        stale: uid('s'),
        fresh: uid('f'),
        oldQ: uid('q'),
        newQ: uid('n'),
        due: uid('d'),
        later: uid('l'),
      };
      await h.insert({ id: ids.stale, workflowId: w, createdAt: 100 }, wf);
      await h.insert({ id: ids.fresh, workflowId: w, createdAt: 100 }, wf);
      await h.insert({ id: ids.oldQ, workflowId: w, createdAt: 100 }, wf);
      await h.insert({ id: ids.newQ, workflowId: w, createdAt: 10_000 }, wf);
      await h.insert({ id: ids.due, workflowId: w, createdAt: 100 }, wf);
      await h.insert({ id: ids.later, workflowId: w, createdAt: 100 }, wf);
      await h.store.markRunning(ids.stale, 200);
      await h.store.markRunning(ids.fresh, 200);
      await h.store.heartbeat([ids.fresh], 9_500);
      for (const [id, till] of [
        [ids.due, 4000],
        [ids.later, 20_000],
      ] as const) {
        await h.store.markRunning(id, 200);
        await h.store.park(id, {}, till);
      }
      const found = (await h.store.findOrphans(5000, 1000)).map((r) => r.id);
      expect(found).toEqual(expect.arrayContaining([ids.stale, ids.oldQ, ids.due]));
      for (const id of [ids.fresh, ids.newQ, ids.later]) expect(found).not.toContain(id);
    });

    it('prunes by age and by last N per workflow, never unfinished ones', async () => {
      const w1 = uid('p');
      const w2 = uid('p');
      const day = 86_400_000;
      const now = 100 * day;
      const make = async (workflowId: string, createdAt: number, finished: boolean) => {
        const id = uid('r');
        await h.insert({ id, workflowId, createdAt }, wf);
        if (finished)
          await h.store.finish(id, { status: 'succeeded', finishedAt: createdAt + 1, runData: null });
        return id;
      };
      const old = await make(w1, now - 10 * day, true);
      const oldUnfinished = await make(w1, now - 10 * day, false);
      const recent = [
        await make(w2, now - 3000, true),
        await make(w2, now - 2000, true),
        await make(w2, now - 1000, true),
      ];
      expect(await h.store.prune({ maxAgeDays: 7 }, now)).toBeGreaterThanOrEqual(1);
      expect(await h.store.get(old)).toBeNull();
      expect(await h.store.get(oldUnfinished)).not.toBeNull();
      await h.store.prune({ keepLastPerWorkflow: 2 }, now);
      expect(await h.store.get(recent[0])).toBeNull();
      expect(await h.store.get(recent[1])).not.toBeNull();
      expect(await h.store.get(recent[2])).not.toBeNull();
    });
  });
}
