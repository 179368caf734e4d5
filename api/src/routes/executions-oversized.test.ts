import type { ChildProcess } from 'node:child_process';
import type { ExecutionEvent, WorkflowJson } from '@tandem/shared/schema';
import type { ExecutionServices } from '@tandem/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPrefix } from '../../../worker/src/queue/testing/redis.ts';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { type ProductionApi, startProductionApi } from './fixtures/production-api.ts';
import { testRegistry } from './fixtures/test-nodes.ts';

// A run whose data is too big to store (2,000 items of 10 KB: ~20 MB of JSON, over MariaDB's default 16 MiB
// max_allowed_packet and EXECUTIONS_MAX_RUN_DATA_MB) ends once as failed, with what can be kept.
const BIG = `return Array.from({ length: 2000 }, (_, i) => ({ json: { i, text: String(i).padEnd(10000, 'x') } }));`;

function flow(name: string, after: string[]): WorkflowJson {
  const names = ['Start', 'Big', ...after];
  const nodes = names.map((n, i) => ({
    id: `n${i}`,
    name: n,
    type: i === 0 ? 'manualTrigger' : n === 'Big' ? 'code' : 'count',
    typeVersion: 1,
    position: [200 * i, 0] as [number, number],
    parameters: n === 'Big' ? { jsCode: BIG } : ({} as Record<string, string>),
  }));
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i < names.length - 1; i++)
    connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
  return { name, nodes, connections, settings: {} };
}

const small = (name: string): WorkflowJson => {
  const wf = flow(name, []);
  wf.nodes[1] = { ...wf.nodes[1], parameters: { jsCode: 'return [{ json: { ok: true } }];' } };
  return wf;
};

type Setup = {
  client: () => TestClient;
  events: () => ExecutionServices['events'];
  /** How often `node` of execution `id` ran (production: counted in Redis), or undefined when not counted. */
  ran: (id: string, node: string) => Promise<string | null | undefined>;
  /** The limit the error names, in MB. */
  limitMb: number;
};

function oversizedRuns(s: Setup) {
  const finished: ExecutionEvent[] = [];
  const publish = async (wf: WorkflowJson) => {
    const id = (await s.client().post('/api/workflows', wf)).json.id as string;
    await s.events().subscribeWorkflow(id, (e) => e.type === 'execution.finished' && finished.push(e));
    expect((await s.client().post(`/api/workflows/${id}/publish`)).status).toBe(201);
    return id;
  };
  const execute = (id: string) => s.client().post(`/api/workflows/${id}/execute`, { wait: 40 });

  const expectFailedOnce = async (res: Awaited<ReturnType<typeof execute>>) => {
    expect(res.status).toBe(200); // answered, not left to time out (202)
    expect(res.json.status).toBe('failed');
    expect(res.json.error).toMatchObject({
      name: 'RunDataTooLargeError',
      message: expect.stringMatching(
        new RegExp(`^The run's data is \\d+\\.\\d MB, more than the ${s.limitMb} MB that can be stored`),
      ),
    });
    expect(res.json.error.node).toBeUndefined();
    const big = res.json.runData.Big[0];
    expect(big).toMatchObject({ status: 'success', data: { main: [[]] }, itemsDropped: [2000] });
    expect(typeof big.executionTime).toBe('number');
    await expect.poll(() => finished.filter((e) => e.executionId === res.json.id)).toHaveLength(1);
    expect(finished.find((e) => e.executionId === res.json.id)).toMatchObject({
      status: 'failed',
      error: { name: 'RunDataTooLargeError' },
    });
    // Not picked up again (a retry, the reaper): still failed, still finished once.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await s.client().get(`/api/executions/${res.json.id}`)).json.status).toBe('failed');
    expect(finished.filter((e) => e.executionId === res.json.id)).toHaveLength(1);
  };

  it('a last node whose output is too big to store: failed at once, the items dropped and said so', {
    timeout: 90_000,
  }, async () => {
    const id = await publish(flow('too-big-last', []));
    const other = await publish(small('small-beside'));
    // An unrelated small run at the same time is not taken down with it (same group commit).
    const [res, beside] = await Promise.all([execute(id), execute(other)]);
    expect(beside.json.status).toBe('succeeded');
    await expectFailedOnce(res);
    // The worker is still there.
    expect((await execute(other)).json.status).toBe('succeeded');
  });

  it('too big before a node with effects: that node does not run, the run fails once', {
    timeout: 90_000,
  }, async () => {
    const id = await publish(flow('too-big-then-effect', ['Count']));
    const res = await execute(id);
    await expectFailedOnce(res);
    expect(res.json.runData.Count).toBeUndefined();
    const count = await s.ran(res.json.id, 'Count');
    if (count !== undefined) expect(count).toBeNull();
  });
}

describe('run data too big to store, production mode (MariaDB, BullMQ, a worker process)', () => {
  const prefix = testPrefix();
  let prod: ProductionApi;
  let worker: ChildProcess;

  beforeAll(async () => {
    prod = await startProductionApi(prefix, 'big@example.com');
    worker = await prod.spawnWorker();
  }, 60_000);
  afterAll(async () => {
    expect(worker?.exitCode).toBeNull(); // the worker process survived every test
    await prod?.close();
  });

  oversizedRuns({
    client: () => prod.client,
    events: () => prod.services.events,
    ran: (id, node) => prod.redis.get(`${prefix}:count:${id}:${node}`),
    limitMb: 15, // the default; MariaDB's 16 MiB max_allowed_packet allows it
  });
});

describe('run data too big to store, embedded mode (SQLite)', () => {
  let api: TestApi;
  let client: TestClient;

  beforeAll(async () => {
    api = await startRunningTestApi(
      'sqlite',
      { EXECUTIONS_MAX_RUN_DATA_MB: '12' },
      { nodeTypes: testRegistry() },
    );
    client = new TestClient(api.url);
    await client.register('big@example.com');
  });
  afterAll(async () => {
    await api?.close();
  });

  oversizedRuns({
    client: () => client,
    events: () => (api.runtime.deps as unknown as { executions: ExecutionServices }).executions.events,
    ran: async () => undefined,
    limitMb: 12,
  });
});
