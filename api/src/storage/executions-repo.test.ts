import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionStoreContract } from '../../../worker/src/runner/store-contract.ts';
import { type Connection, openDatabase } from './db.ts';
import { executionsRepo } from './executions-repo.ts';
import { BACKENDS, freshDatabase, type TestDatabase } from './test-databases.ts';

for (const dialect of BACKENDS) {
  executionStoreContract(`sql ${dialect}`, async () => {
    const tdb = await freshDatabase(dialect);
    const conn = await openDatabase(tdb.target);
    const repo = executionsRepo(conn);
    return {
      store: repo.store,
      insert: async (record, workflow) => {
        await repo.create({
          id: record.id,
          workflowId: record.workflowId,
          versionId: null,
          mode: record.mode ?? 'manual',
          createdBy: null,
          input: record.input ?? null,
          workflowJson: workflow,
          createdAt: record.createdAt,
        });
      },
      close: async () => {
        await conn.close();
        await tdb.drop();
      },
    };
  });

  describe(`executions repo api side (${dialect})`, () => {
    let tdb: TestDatabase;
    let conn: Connection;
    let repo: ReturnType<typeof executionsRepo>;
    beforeAll(async () => {
      tdb = await freshDatabase(dialect);
      conn = await openDatabase(tdb.target);
      repo = executionsRepo(conn);
    });
    afterAll(async () => {
      await conn.close();
      await tdb.drop();
    });

    const base = {
      versionId: null,
      mode: 'api' as const,
      createdBy: 'u1',
      input: { triggerItems: [{ json: { a: 1 } }] },
    };

    it('hands a just-created execution to the runner once, and never after a write to it', async () => {
      await repo.create({ ...base, id: 'c1', workflowId: 'w1' });
      await repo.create({ ...base, id: 'c2', workflowId: 'w1' });
      if (dialect === 'mysql') {
        // Several processes share MySQL: nothing is handed over, the runner reads the row.
        expect(repo.store.claimCreated?.('c1') ?? null).toBeNull();
        return;
      }
      const claimed = repo.store.claimCreated!('c1')!;
      expect(claimed).toMatchObject({ id: 'c1', status: 'queued', input: base.input, startedAt: null });
      expect(claimed).toMatchObject((await repo.store.get('c1'))!);
      expect(repo.store.claimCreated!('c1')).toBeNull();
      await repo.store.finish('c2', { status: 'canceled', finishedAt: 1, runData: null });
      expect(repo.store.claimCreated!('c2')).toBeNull();
    });

    it('an idempotency key maps to one execution per workflow', async () => {
      const a = await repo.create({ ...base, id: 'i1', workflowId: 'w1', idempotencyKey: 'k' });
      const b = await repo.create({ ...base, id: 'i2', workflowId: 'w1', idempotencyKey: 'k' });
      const c = await repo.create({ ...base, id: 'i3', workflowId: 'w2', idempotencyKey: 'k' });
      expect([a.created, b.created, c.created]).toEqual([true, false, true]);
      expect(b.record.id).toBe('i1');
      expect(b.record.input).toEqual(base.input);
      await expect(repo.create({ ...base, id: 'i1', workflowId: 'w1' })).rejects.toThrow();
    });

    it('lists with filters and a stable cursor, without run data', async () => {
      for (let i = 0; i < 5; i++)
        await repo.create({ ...base, id: `l${i}`, workflowId: 'wl', createdAt: 1000 + i });
      await repo.create({ ...base, id: 'lx', workflowId: 'other', createdAt: 2000 });
      await repo.store.markRunning('l4', 5000);
      await repo.store.finish('l4', {
        status: 'failed',
        finishedAt: 6000,
        runData: { A: [] },
        error: { name: 'E', message: 'bad' },
      });
      // 'u' may see workflow 'wl' only.
      await conn.db
        .insert(conn.t.workflowMembers)
        .values({ workflowId: 'wl', userId: 'u', role: 'viewer', createdAt: 0 });
      const page1 = await repo.list({ visibleTo: 'u', limit: 2 });
      expect(page1.map((r) => r.id)).toEqual(['l4', 'l3']);
      expect(page1[0]).toMatchObject({ status: 'failed', error: { message: 'bad' } });
      expect('runData' in page1[0]).toBe(false);
      const page2 = await repo.list({ visibleTo: 'u', limit: 2, cursor: { createdAt: 1003, id: 'l3' } });
      expect(page2.map((r) => r.id)).toEqual(['l2', 'l1']);
      expect((await repo.list({ visibleTo: 'u', status: 'failed', limit: 10 })).map((r) => r.id)).toEqual([
        'l4',
      ]);
      expect((await repo.list({ visibleTo: 'u', from: 1001, to: 1002, limit: 10 })).map((r) => r.id)).toEqual(
        ['l2', 'l1'],
      );
      expect(await repo.list({ visibleTo: 'nobody', limit: 10 })).toEqual([]);
      expect((await repo.list({ limit: 100 })).map((r) => r.id)).toContain('lx');
    });

    it('removes an execution', async () => {
      await repo.create({ ...base, id: 'd1', workflowId: 'wd' });
      expect(await repo.remove('d1')).toBe(true);
      expect(await repo.remove('d1')).toBe(false);
      expect(await repo.store.get('d1')).toBeNull();
    });
  });
}
