import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachExecutions } from '../execution-process.ts';
import { runtimeRegistry } from '../node-runtime.ts';
import { BACKENDS } from '../storage/test-databases.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

/** Manual trigger → a node of type `selected` (→ one of type `next`). */
const chain = (name: string, selected: string, next?: string) => ({
  name,
  nodes: [
    { id: 't', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    { id: 's', name: 'Selected', type: selected, typeVersion: 1, position: [200, 0], parameters: {} },
    ...(next
      ? [{ id: 'n', name: 'Next', type: next, typeVersion: 1, position: [400, 0], parameters: {} }]
      : []),
  ],
  connections: {
    Start: { main: [[{ node: 'Selected', type: 'main', index: 0 }]] },
    ...(next ? { Selected: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } } : {}),
  },
});

type Suggested = { suggestions: { ops: { op: string; node?: { type: string } }[] }[] };

/** The node types the recommender suggests after the selected node of `workflowId`. */
async function suggestedAfter(client: TestClient, workflowId: string): Promise<string[]> {
  const res = await client.post('/api/ai/suggest', { workflowId, selectedNodeId: 's' });
  expect(res.status).toBe(200);
  return (res.json as Suggested).suggestions.flatMap((s) =>
    s.ops.flatMap((o) => (o.op === 'addNode' && o.node ? [o.node.type] : [])),
  );
}

// The starter corpus has Summarize followed only by Sort, and Sort by Code or Limit; never No Operation.
describe.each(BACKENDS)('the recommender follows published workflows on %s', (dialect) => {
  let api: TestApi;
  let admin: TestClient;
  let stopExecutions: () => Promise<void>;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    stopExecutions = await attachExecutions(api.runtime, {
      runWorker: false,
      nodeTypes: runtimeRegistry(api.runtime.deps),
    });
    admin = new TestClient(api.url);
    await admin.register('admin-recommender@example.com');
  });
  afterAll(async () => {
    await stopExecutions?.();
    await api?.close();
  });

  it('learns a workflow published after its first suggestion, and forgets it unpublished or archived', async () => {
    const probe = (await admin.post('/api/workflows', chain('Probe', 'summarize'))).json.id;
    expect(await suggestedAfter(admin, probe)).not.toContain('noOp');

    const habit = (await admin.post('/api/workflows', chain('Habit', 'summarize', 'noOp'))).json.id;
    expect((await admin.post(`/api/workflows/${habit}/publish`)).status).toBe(201);
    expect(await suggestedAfter(admin, probe)).toContain('noOp');

    expect((await admin.post(`/api/workflows/${habit}/unpublish`)).status).toBe(200);
    expect(await suggestedAfter(admin, probe)).not.toContain('noOp');

    expect((await admin.post(`/api/workflows/${habit}/publish`)).status).toBe(201);
    expect(await suggestedAfter(admin, probe)).toContain('noOp');
    expect((await admin.delete(`/api/workflows/${habit}`)).status).toBe(200);
    expect(await suggestedAfter(admin, probe)).not.toContain('noOp');
    expect((await admin.post(`/api/workflows/${habit}/unarchive`)).status).toBe(200);
    expect(await suggestedAfter(admin, probe)).toContain('noOp');
  });

  it('keeps suggesting from the previous model when a rebuild fails', async () => {
    const probe = (await admin.post('/api/workflows', chain('Probe 2', 'sort'))).json.id;
    expect(await suggestedAfter(admin, probe)).not.toContain('noOp');
    const habit = (await admin.post('/api/workflows', chain('Habit 2', 'sort', 'noOp'))).json.id;
    const publish = () => admin.post(`/api/workflows/${habit}/publish`);
    const unpublish = () => admin.post(`/api/workflows/${habit}/unpublish`);
    expect((await publish()).status).toBe(201);
    expect(await suggestedAfter(admin, probe)).toContain('noOp');

    const { executions } = api.runtime.storage;
    const warn = vi.spyOn(api.runtime.deps.logger, 'warn');
    expect((await unpublish()).status).toBe(200);
    const read = vi.spyOn(executions, 'publishedWorkflows').mockRejectedValueOnce(new Error('database gone'));
    try {
      expect(await suggestedAfter(admin, probe)).toContain('noOp');
      expect(await suggestedAfter(admin, probe)).toContain('noOp');
      // One attempt: a failed rebuild is retried on the next change, not on every suggestion.
      expect(read).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/recommender not rebuilt/));
    } finally {
      read.mockRestore();
      warn.mockRestore();
    }
    expect((await publish()).status).toBe(201);
    expect((await unpublish()).status).toBe(200);
    expect(await suggestedAfter(admin, probe)).not.toContain('noOp');
  });
});

describe('the recommender of another api instance over the same MariaDB database', () => {
  let a: TestApi;
  let b: TestApi;
  let stopExecutions: () => Promise<void>;

  beforeAll(async () => {
    a = await startTestApi('mysql');
    stopExecutions = await attachExecutions(a.runtime, {
      runWorker: false,
      nodeTypes: runtimeRegistry(a.runtime.deps),
    });
    const { config } = a.runtime.deps;
    if (config.database.dialect !== 'mysql') throw new Error('expected MariaDB');
    b = await startTestApi('mysql', {
      DATABASE_URL: config.database.url,
      DATA_DIR: config.dataDir,
      AI_RECOMMENDER_MAX_AGE_MS: '1000',
    });
  });
  afterAll(async () => {
    await b?.close();
    await stopExecutions?.();
    await a?.close();
  });

  it('learns a workflow published on the first instance within its max age', async () => {
    const onA = new TestClient(a.url);
    await onA.register('admin-two-instances@example.com');
    const onB = new TestClient(b.url);
    onB.cookie = onA.cookie;
    const probe = (await onA.post('/api/workflows', chain('Probe', 'summarize'))).json.id;
    expect(await suggestedAfter(onB, probe)).not.toContain('noOp');

    const habit = (await onA.post('/api/workflows', chain('Habit', 'summarize', 'noOp'))).json.id;
    expect((await onA.post(`/api/workflows/${habit}/publish`)).status).toBe(201);
    await expect.poll(() => suggestedAfter(onB, probe), { timeout: 5_000, interval: 250 }).toContain('noOp');
  });
});
