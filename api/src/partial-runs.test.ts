import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

const set = (name: string, expr: string, x: number) => ({
  id: name,
  name,
  type: 'set',
  typeVersion: 3.4,
  position: [x, 0] as [number, number],
  parameters: { mode: 'raw', jsonOutput: expr },
});

describe('partial runs through the API (Run to this node, Run this node only)', () => {
  let api: TestApi;
  let c: TestClient;
  let id: string;
  beforeAll(async () => {
    api = await startRunningTestApi();
    c = new TestClient(api.url);
    await c.register('partial@example.com');
    id = (
      await c.post('/api/workflows', {
        name: 'Chain',
        nodes: [
          {
            id: 'Start',
            name: 'Start',
            type: 'manualTrigger',
            typeVersion: 1,
            position: [0, 0],
            parameters: {},
          },
          set('A', '={{ { "a": 1 } }}', 200),
          set('B', '={{ { "b": $json.a + 1 } }}', 400),
          set('C', '={{ { "c": $json.b * 10 } }}', 600),
        ],
        connections: {
          Start: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
          A: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
          B: { main: [[{ node: 'C', type: 'main', index: 0 }]] },
        },
        settings: { executionOrder: 'v1' },
      })
    ).json.id;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('runs up to a node, then that node alone from the previous run’s data', async () => {
    const upToB = (
      await c.post(`/api/workflows/${id}/execute`, { draft: true, wait: 20, destinationNode: 'B' })
    ).json;
    expect(upToB.status).toBe('succeeded');
    expect(Object.keys(upToB.runData).sort()).toEqual(['A', 'B', 'Start']);
    const onlyC = (
      await c.post(`/api/workflows/${id}/execute`, {
        draft: true,
        wait: 20,
        destinationNode: 'C',
        runNodeOnly: true,
        previousExecutionId: upToB.id,
      })
    ).json;
    expect(onlyC.status).toBe('succeeded');
    expect(onlyC.runData.C[0].data.main[0][0].json).toEqual({ c: 20 });
    expect(onlyC.runData.A ?? []).toHaveLength(upToB.runData.A.length);
    const bad = await c.post(`/api/workflows/${id}/execute`, { draft: true, runNodeOnly: true });
    expect(bad.status).toBe(400);
  });
});
