import { RunDataTooLargeError } from '@tandem/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, openDatabase } from './db.ts';
import { type MultiStatementConnection, mysqlGroupCommit } from './executions-mysql-writer.ts';
import { freshDatabase, type TestDatabase } from './test-databases.ts';

const row = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  workflowId: 'w1',
  versionId: null,
  status: 'queued',
  mode: 'webhook',
  createdBy: null,
  createdAt: 1000,
  input: '{"triggerItems":[]}',
  workflowJson: null,
  idempotencyKey: null,
  parentExecutionId: null,
  retryOf: null,
  ...extra,
});

describe('mysqlGroupCommit (MariaDB)', () => {
  let tdb: TestDatabase;
  let conn: Connection;
  const sql = async (text: string) => {
    const c = await conn.multiStatement!();
    try {
      return (await c.query(text))[0] as Array<Record<string, unknown>>;
    } finally {
      c.release();
    }
  };
  /** The writer over the real pool, counting the transactions it sends. */
  const writer = (
    wrap?: (c: MultiStatementConnection, n: number) => MultiStatementConnection,
    inFlight = 1,
  ) => {
    const stats = { queries: 0 };
    const group = mysqlGroupCommit({
      inFlight,
      connect: async () => {
        const c = await conn.multiStatement!();
        stats.queries++;
        return wrap ? wrap(c, stats.queries) : c;
      },
    });
    return { group, stats };
  };

  beforeAll(async () => {
    tdb = await freshDatabase('mysql');
    conn = await openDatabase(tdb.target);
  });
  afterAll(async () => {
    await conn.close();
    await tdb.drop();
  });

  it.each([1, 2])(
    '300 concurrent runs, %i batch(es) in flight: every write committed once, in far fewer transactions than writes',
    async (inFlight) => {
      const { group, stats } = writer(undefined, inFlight);
      const ids = Array.from({ length: 300 }, (_, i) => `gc${inFlight}_${i}`);
      const results = await Promise.all(
        ids.map(async (id, i) => {
          await group.write({ k: 'insert', row: row(id) });
          // Every other run ends before it was marked running: its final write sets the start.
          const marked = i % 2 === 0;
          const running = marked ? await group.write({ k: 'markRunning', id, at: 2000 + i }) : 1;
          await group.write({ k: 'checkpoint', id, node: 'A', runIndex: 0, task: `{"n":${i}}` });
          await group.write({ k: 'checkpoint', id, node: 'B', runIndex: 0, task: `{"n":${i}}` });
          const finished = await group.write({
            k: 'finish',
            id,
            status: 'succeeded',
            startedAt: marked ? null : 2000 + i,
            finishedAt: 3000 + i,
            error: null,
            runData: `{"A":[{"n":${i}}]}`,
            dropCheckpoints: true,
          });
          // A duplicate delivery's finish loses: exactly one writer of the final state.
          const again = await group.write({
            k: 'finish',
            id,
            status: 'failed',
            startedAt: 1,
            finishedAt: 1,
            error: null,
            runData: null,
            dropCheckpoints: true,
          });
          return [running, finished, again];
        }),
      );
      expect(results.every(([r, f, a]) => r === 1 && f === 1 && a === 0)).toBe(true);
      expect(stats.queries).toBeLessThan(120); // 1,650 writes
      const rows = await sql(
        `SELECT id, status, started_at AS s FROM executions WHERE id LIKE 'gc${inFlight}\\_%' ORDER BY id`,
      );
      expect(rows).toEqual(
        ids.map((id, i) => ({ id, status: 'succeeded', s: 2000 + i })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(
        await sql(
          `SELECT count(*) AS n FROM execution_checkpoints WHERE execution_id LIKE 'gc${inFlight}\\_%'`,
        ),
      ).toEqual([{ n: 0 }]);
    },
  );

  it('a checkpoint is readable once its write resolved, and a lost finish keeps the checkpoints', async () => {
    const { group } = writer();
    await group.write({ k: 'insert', row: row('cp1', { status: 'canceled' }) });
    await group.write({ k: 'checkpoint', id: 'cp1', node: 'A', runIndex: 0, task: '{"v":1}' });
    await group.write({ k: 'checkpoint', id: 'cp1', node: 'A', runIndex: 0, task: '{"v":2}' }); // upsert
    expect(await sql(`SELECT task FROM execution_checkpoints WHERE execution_id = 'cp1'`)).toEqual([
      { task: '{"v":2}' },
    ]);
    const op = {
      k: 'finish',
      id: 'cp1',
      status: 'succeeded',
      startedAt: null,
      finishedAt: 1,
      error: null,
      runData: null,
    };
    expect(await group.write({ ...op, k: 'finish', dropCheckpoints: true })).toBe(0);
    expect(await sql(`SELECT count(*) AS n FROM execution_checkpoints WHERE execution_id = 'cp1'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('a failing write is rejected alone; the rest of its batch is stored exactly once, in order', async () => {
    const { group } = writer();
    expect(group.inOrder).toBe(true);
    await group.write({ k: 'insert', row: row('dup0') });
    const writes = [
      group.write({ k: 'insert', row: row('ok1') }),
      group.write({ k: 'insert', row: row('dup0') }), // primary key taken
      group.write({ k: 'insert', row: row('ok2') }),
      group.write({ k: 'markRunning', id: 'dup0', at: 5 }),
      group.write({ k: 'markRunning', id: 'ok2', at: 6 }), // after ok2's insert, also when replayed
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect((settled[1] as PromiseRejectedResult).reason.code).toBe('ER_DUP_ENTRY');
    expect((settled[4] as PromiseFulfilledResult<number>).value).toBe(1);
    expect(
      await sql(`SELECT id, status FROM executions WHERE id IN ('dup0', 'ok1', 'ok2') ORDER BY id`),
    ).toEqual([
      { id: 'dup0', status: 'running' },
      { id: 'ok1', status: 'queued' },
      { id: 'ok2', status: 'running' },
    ]);
  });

  it.each([
    ['refused before it is sent', undefined],
    ['refused by the server (max_allowed_packet smaller than the writer was told)', 64 * 1024 * 1024],
  ])('a write larger than max_allowed_packet is %s, alone, as RunDataTooLargeError', async (_, told) => {
    expect(conn.maxPacketBytes).toBe(16 * 1024 * 1024); // MariaDB's default, read at connect
    const group = mysqlGroupCommit({
      connect: () => conn.multiStatement!(),
      maxQueryBytes: told ?? conn.maxPacketBytes,
    });
    const p = told ? 'srv' : 'pre';
    await group.write({ k: 'insert', row: row(`${p}big`) });
    await group.write({ k: 'insert', row: row(`${p}small`) });
    const big = 'x'.repeat(17 * 1024 * 1024);
    const settled = await Promise.allSettled([
      group.write({ k: 'checkpoint', id: `${p}big`, node: 'A', runIndex: 0, task: `"${big}"` }),
      group.write({ k: 'markRunning', id: `${p}small`, at: 5 }),
      group.write({ k: 'checkpoint', id: `${p}small`, node: 'A', runIndex: 0, task: '{}' }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(RunDataTooLargeError);
    expect(
      await sql(`SELECT execution_id FROM execution_checkpoints WHERE execution_id LIKE '${p}%'`),
    ).toEqual([{ execution_id: `${p}small` }]);
    // The writer goes on.
    expect(await group.write({ k: 'markRunning', id: `${p}big`, at: 6 })).toBe(1);
  });

  it('a batch hit by a deadlock is run again as a whole: nothing lost, nothing twice', async () => {
    // The first transaction fails after running its statements, as a deadlock victim would (InnoDB rolls it back).
    const { group, stats } = writer((c, n) =>
      n > 1
        ? c
        : {
            query: async (text: string) => {
              if (text.includes('COMMIT')) {
                await c.query(text.replace(/;\s*COMMIT$/, ''));
                throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
              }
              return c.query(text);
            },
            release: () => c.release(),
            destroy: () => c.destroy(),
          },
    );
    const writes = ['dl1', 'dl2', 'dl3'].map((id) => group.write({ k: 'insert', row: row(id) }));
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(stats.queries).toBe(2);
    expect(await sql(`SELECT count(*) AS n FROM executions WHERE id LIKE 'dl%'`)).toEqual([{ n: 3 }]);
  });

  /**
   * A writer with two batches in flight whose transactions are logged in the order sent; the one whose text
   * contains `holdOn` waits for `release()` before it runs (rollbacks not logged).
   */
  const heldWriter = (holdOn: string) => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { group } = writer(
      (c) => ({
        query: async (text: string) => {
          if (text !== 'ROLLBACK') sent.push(text);
          if (text.includes(holdOn)) await gate;
          return c.query(text);
        },
        release: () => c.release(),
        destroy: () => c.destroy(),
      }),
      2,
    );
    const ids = (text: string) => [...text.matchAll(/'(o\w+)'/g)].map((m) => m[1]);
    return { group, release, sent, ids };
  };
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it('two batches in flight: an execution with a write committing waits, others commit meanwhile', async () => {
    const { group, release, sent, ids } = heldWriter("'oa1'");
    const a = group.write({ k: 'insert', row: row('oa1') });
    await tick(); // batch 1 (oa1's insert) is held
    const done: string[] = [];
    const aRunning = group.write({ k: 'markRunning', id: 'oa1', at: 7 }).then((n) => {
      done.push('oa1');
      return n;
    });
    const b = group.write({ k: 'insert', row: row('ob1') }).then((n) => {
      done.push('ob1');
      return n;
    });
    const aCheckpoint = group.write({ k: 'checkpoint', id: 'oa1', node: 'A', runIndex: 0, task: '{}' });
    const bRunning = group.write({ k: 'markRunning', id: 'ob1', at: 8 });
    expect(await Promise.all([b, bRunning])).toEqual([1, 1]); // batch 2, while batch 1 is held
    expect(sent.map(ids)).toEqual([['oa1'], ['ob1', 'ob1']]);
    release();
    expect(await Promise.all([a, aRunning, aCheckpoint])).toEqual([1, 1, 1]);
    // oa1's later writes waited for its insert and went together, in issue order, in the next transaction.
    expect(sent.map(ids)).toEqual([['oa1'], ['ob1', 'ob1'], ['oa1', 'oa1']]);
    expect(sent[2].indexOf('UPDATE executions')).toBeLessThan(sent[2].indexOf('execution_checkpoints'));
    expect(done).toEqual(['ob1', 'oa1']);
    expect(group.inOrder).toBe(true);
  });

  it('two batches in flight: a failed batch is replayed in order before its executions take new writes', async () => {
    await writer().group.write({ k: 'insert', row: row('odup') });
    const { group, release, sent, ids } = heldWriter("'odup'");
    const failed = group.write({ k: 'insert', row: row('odup') }); // primary key taken: fails the batch
    const r1 = group.write({ k: 'insert', row: row('or1') });
    await tick(); // batch 1 (odup, or1) is held
    const r1Running = group.write({ k: 'markRunning', id: 'or1', at: 9 });
    const other = group.write({ k: 'insert', row: row('or2') });
    expect(await other).toBe(1); // batch 2 commits beside the held one
    release();
    await expect(failed).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(await Promise.all([r1, r1Running])).toEqual([1, 1]);
    // Batch 1, batch 2, the replay of batch 1's writes one by one, then or1's mark-running.
    expect(sent.map(ids)).toEqual([['odup', 'or1'], ['or2'], ['odup'], ['or1'], ['or1']]);
    expect(await sql(`SELECT id, status FROM executions WHERE id IN ('or1', 'or2') ORDER BY id`)).toEqual([
      { id: 'or1', status: 'running' },
      { id: 'or2', status: 'queued' },
    ]);
  });

  it('stores any text byte for byte (quotes, backslashes, control characters, emoji)', async () => {
    const { group } = writer();
    const nasty = `{"a":"it's \\"q\\" \\\\ \\n"}' OR 1=1; -- \0\x1a\r\n\t\b "x" \\' 😀 ü ${'\\'.repeat(3)}'`;
    await group.write({ k: 'insert', row: row('lit1', { input: nasty }) });
    await group.write({ k: 'checkpoint', id: 'lit1', node: "it's", runIndex: 0, task: nasty });
    expect(await sql(`SELECT input FROM executions WHERE id = 'lit1'`)).toEqual([{ input: nasty }]);
    expect(
      await sql(`SELECT node_name AS n, task FROM execution_checkpoints WHERE execution_id = 'lit1'`),
    ).toEqual([{ n: "it's", task: nasty }]);
    await expect(group.write({ k: 'markRunning', id: 'lit1', at: Number.NaN })).rejects.toThrow(/finite/);
  });

  it('heartbeats many executions in one statement, only running ones', async () => {
    const { group } = writer();
    await Promise.all(['hb1', 'hb2'].map((id) => group.write({ k: 'insert', row: row(id) })));
    await group.write({ k: 'markRunning', id: 'hb1', at: 10 });
    expect(await group.write({ k: 'heartbeat', ids: ['hb1', 'hb2'], at: 99 })).toBe(1);
    expect(await group.write({ k: 'heartbeat', ids: [], at: 99 })).toBe(0);
    expect(await sql(`SELECT id, heartbeat_at AS h FROM executions WHERE id LIKE 'hb%' ORDER BY id`)).toEqual(
      [
        { id: 'hb1', h: 99 },
        { id: 'hb2', h: null },
      ],
    );
  });
});
