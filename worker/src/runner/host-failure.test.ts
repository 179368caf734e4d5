import { runWorkflow } from '@tandem/shared/engine';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { RunDataTooLargeError } from './run-data-limit.ts';
import { ExecutionRunner } from './runner.ts';
import { chain, testNodeTypes } from './testing/test-nodes.ts';

const driverErrors = {
  mysql: Object.assign(new Error("Got a packet bigger than 'max_allowed_packet' bytes"), {
    code: 'ER_NET_PACKET_TOO_LARGE',
    errno: 1153,
    sqlState: '08S01',
    sql: "UPDATE executions SET run_data = '{…}' WHERE id = 'x'",
  }),
  sqlite: Object.assign(new Error('UNIQUE constraint failed: executions.id'), {
    code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  }),
  refused: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), {
    code: 'ECONNREFUSED',
    syscall: 'connect',
    address: '127.0.0.1',
    port: 3306,
  }),
};

// An execution that failed outside its nodes stores a message for its viewers; the raw error goes to the log.
describe('a run failed by the database or the driver', () => {
  let store: MemoryExecutionStore;
  let runner: ExecutionRunner;
  let logged: Record<string, any>[];

  beforeEach(() => {
    store = new MemoryExecutionStore();
    logged = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    runner = new ExecutionRunner({
      store,
      events: new MemoryEventBus(),
      runWorkflow,
      nodeTypes: testNodeTypes,
      logger,
    });
  });

  for (const [driver, raw] of Object.entries(driverErrors)) {
    it(`${driver}: stores a user-level message naming the execution, logs the raw error`, async () => {
      store.insert({ id: driver, workflowId: 'w', mode: 'api' }, chain(['pass']));
      await runner.failFinally(driver, raw);
      const { status, error } = (await store.get(driver))!;
      expect(status).toBe('failed');
      expect(error).toEqual({
        name: 'StorageError',
        message: `The execution could not be stored: the database refused the write (see the server log, execution ${driver})`,
      });
      expect(logged).toContainEqual(
        expect.objectContaining({
          level: 50,
          executionId: driver,
          err: expect.objectContaining({ message: raw.message }),
        }),
      );
    });
  }

  it('another internal error: a user-level message too; run data too large keeps its own', async () => {
    store.insert({ id: 'bug', workflowId: 'w', mode: 'api' }, chain(['pass']));
    await runner.failFinally('bug', new TypeError("Cannot read properties of undefined (reading 'runData')"));
    expect((await store.get('bug'))!.error).toEqual({
      name: 'ExecutionError',
      message: 'The execution could not be run: an internal error (see the server log, execution bug)',
    });
    store.insert({ id: 'big', workflowId: 'w', mode: 'api' }, chain(['pass']));
    const tooLarge = new RunDataTooLargeError(17 * 2 ** 20, 16 * 2 ** 20);
    await runner.failFinally('big', tooLarge);
    expect((await store.get('big'))!.error).toEqual({ name: tooLarge.name, message: tooLarge.message });
  });

  it("a node's error is the user's data: stored as thrown", async () => {
    store.insert({ id: 'node', workflowId: 'w', mode: 'api' }, chain(['pass', 'fail']));
    await runner.handle({ executionId: 'node', attempt: 1, signal: new AbortController().signal });
    expect((await store.get('node'))!.error).toMatchObject({ message: 'node exploded', node: 'N2' });
  });
});
