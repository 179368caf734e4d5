import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { decodeOps, type ExecutionWriteOp, encodeOp } from './executions-sqlite-ops.ts';
import { sqliteWriterThread } from './sqlite-writer.ts';
import { freshDatabase, type TestDatabase } from './test-databases.ts';

const row = (id: string) => ({
  id,
  workflowId: 'w',
  versionId: 'v',
  status: 'queued',
  mode: 'webhook',
  createdBy: null,
  createdAt: 1,
  input: '{"a":1}',
  workflowJson: null,
  idempotencyKey: null,
  parentExecutionId: null,
  retryOf: null,
});

describe('execution writes on the SQLite writer thread', () => {
  let tdb: TestDatabase;
  let file: string;
  let reader: Database.Database;
  beforeAll(async () => {
    tdb = await freshDatabase('sqlite');
    file = (tdb.target as { file: string }).file;
    await (await openDatabase(tdb.target)).close(); // migrations
    reader = new Database(file, { readonly: true });
  });
  afterAll(async () => {
    reader.close();
    await tdb.drop();
  });

  it('ops survive the flat encoding unchanged', () => {
    const ops: ExecutionWriteOp[] = [
      { k: 'insert', row: row('e') },
      { k: 'markRunning', id: 'e', at: 5 },
      { k: 'checkpoint', id: 'e', node: 'N "1"', runIndex: 2, task: '{"x":"é"}' },
      {
        k: 'finish',
        id: 'e',
        status: 'failed',
        startedAt: 4,
        finishedAt: 9,
        error: '{}',
        runData: null,
        dropCheckpoints: false,
      },
      { k: 'park', id: 'e', runData: '{}', waitTill: null },
      { k: 'heartbeat', ids: ['e', 'f'], at: 7 },
      { k: 'heartbeat', ids: [], at: 8 },
    ];
    const flat: unknown[] = [];
    for (const op of ops) encodeOp(op, flat);
    expect(decodeOps(flat)).toEqual(ops);
  });

  it('a group resolves only after its commit; a failing write rejects alone; order is kept', async () => {
    const writer = sqliteWriterThread(file);
    const count = () => (reader.prepare('SELECT count(*) AS n FROM executions').get() as { n: number }).n;
    const before = count();
    const inserts = Array.from({ length: 200 }, (_, i) => writer.write({ k: 'insert', row: row(`g${i}`) }));
    // Queued behind the inserts of the same turn: sees them.
    const running = writer.write({ k: 'markRunning', id: 'g0', at: 10 });
    const duplicate = writer.write({ k: 'insert', row: row('g1') });
    const checkpoint = writer.write({ k: 'checkpoint', id: 'g0', node: 'N1', runIndex: 0, task: '{}' });
    expect(count()).toBe(before); // nothing is committed within the turn that wrote
    await inserts[0];
    expect(count()).toBe(before + 200); // resolved = committed and visible to another connection
    expect(await Promise.all(inserts)).toEqual(Array(200).fill(1));
    expect(await running).toBe(1);
    await expect(duplicate).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await checkpoint).toBe(1);
    const finished = writer.write({
      k: 'finish',
      id: 'g0',
      status: 'succeeded',
      startedAt: 3, // marked running at 10: kept
      finishedAt: 11,
      error: null,
      runData: '{"N1":[{}]}',
      dropCheckpoints: true,
    });
    expect(await finished).toBe(1);
    expect(
      reader.prepare('SELECT count(*) AS n FROM execution_checkpoints WHERE execution_id = ?').get('g0'),
    ).toEqual({
      n: 0,
    });
    expect(
      await writer.write({
        k: 'finish',
        id: 'g0',
        status: 'failed',
        startedAt: null,
        finishedAt: 12,
        error: null,
        runData: null,
        dropCheckpoints: true,
      }),
    ).toBe(0); // already final: the conditional write changes nothing
    await writer.close();
    await expect(writer.write({ k: 'markRunning', id: 'g1', at: 1 })).rejects.toThrow(/closed/);
  });

  it('close lets queued writes commit first', async () => {
    const writer = sqliteWriterThread(file);
    const pending = writer.write({ k: 'insert', row: row('closing') });
    await writer.close();
    expect(await pending).toBe(1);
    expect(reader.prepare('SELECT status FROM executions WHERE id = ?').get('closing')).toEqual({
      status: 'queued',
    });
  });
});
