import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

type Row = { id: string; customData: Record<string, string> };

const node = (name: string, type: string, parameters: Record<string, unknown>, x: number) => ({
  id: name,
  name,
  type,
  typeVersion: type === 'wait' ? 1.1 : type === 'webhook' ? 2 : 1,
  position: [x, 0],
  parameters,
});
const saveData = (name: string, values: { key: string; value: string }[], x: number) =>
  node(name, 'executionData', { dataToSave: { values } }, x);
const chain = (names: string[]) =>
  Object.fromEntries(
    names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );

describe.each(BACKENDS)('custom execution data (Execution Data node) on %s', (dialect) => {
  let api: TestApi;
  let owner: TestClient;
  let stranger: TestClient;
  beforeAll(async () => {
    api = await startRunningTestApi(dialect);
    owner = new TestClient(api.url);
    await owner.register('owner@example.com');
    stranger = new TestClient(api.url);
    await stranger.register('stranger@example.com');
  });
  afterAll(() => api?.close());

  const publish = async (name: string, nodes: unknown[], names: string[]) => {
    const res = await owner.post('/api/workflows', {
      name,
      nodes,
      connections: chain(names),
      settings: { executionOrder: 'v1' },
    });
    expect(res.status).toBe(201);
    expect((await owner.post(`/api/workflows/${res.json.id}/publish`)).status).toBe(201);
    return res.json.id as string;
  };
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${api.url}/webhook/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const list = async (c: TestClient, query: string) => {
    const res = await c.get(`/api/executions?${query}`);
    expect(res.status).toBe(200);
    return res.json as { data: Row[]; nextCursor: string | null };
  };

  it('stores it with the final state; the list filters by data=name:value and pages; others see nothing', async () => {
    const orders = await publish(
      'Orders',
      [
        node('Webhook', 'webhook', { httpMethod: 'POST', path: 'orders', responseMode: 'lastNode' }, 0),
        saveData(
          'Save',
          [
            { key: 'orderId', value: '={{ $json.body.id }}' },
            { key: 'source', value: 'web' },
          ],
          200,
        ),
      ],
      ['Webhook', 'Save'],
    );
    const plain = await publish(
      'Plain',
      [node('Webhook', 'webhook', { httpMethod: 'POST', path: 'plain', responseMode: 'lastNode' }, 0)],
      ['Webhook'],
    );
    for (const id of [40, 41, 42, 43, 44]) await call('orders', { id });
    await call('plain', { id: 42 });

    const hit = await list(owner, 'data=orderId:42');
    expect(hit.data.map((r) => r.customData)).toEqual([{ orderId: '42', source: 'web' }]);
    expect(hit.nextCursor).toBeNull();
    const detail = (await owner.get(`/api/executions/${hit.data[0].id}`)).json;
    expect(detail.workflowId).toBe(orders);
    expect(detail.customData).toEqual({ orderId: '42', source: 'web' });

    // A run without the node: {} in its detail and its list row.
    const [plainRun] = (await list(owner, `workflowId=${plain}`)).data;
    expect(plainRun.customData).toEqual({});
    expect((await owner.get(`/api/executions/${plainRun.id}`)).json.customData).toEqual({});

    // Name alone, paged two at a time, combined with other filters.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        owner,
        `data=orderId&status=succeeded&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => r.customData.orderId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['44', '43', '42', '41', '40']);
    expect((await list(owner, `data=orderId:42&workflowId=${plain}`)).data).toEqual([]);
    expect((await list(owner, 'data=source:WEB!')).data).toEqual([]);
    expect((await list(owner, 'data=orderId:4')).data).toEqual([]);

    // Someone who cannot see the workflow finds nothing through the filter.
    expect((await list(stranger, 'data=orderId:42')).data).toEqual([]);
    expect((await list(stranger, 'data=orderId')).data).toEqual([]);

    // Bad filters are refused like other bad input.
    for (const bad of ['', ':42', `${'k'.repeat(51)}:1`, `orderId:${'v'.repeat(256)}`]) {
      const res = await owner.get(`/api/executions?data=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('keeps what was set before a Wait: stored with the park, given back to the resumed run', async () => {
    await publish(
      'Approval',
      [
        node('Webhook', 'webhook', { httpMethod: 'POST', path: 'approve', responseMode: 'onReceived' }, 0),
        saveData('Before', [{ key: 'ticket', value: '={{ $json.body.ticket }}' }], 200),
        node('Wait', 'wait', { resume: 'webhook', httpMethod: 'POST' }, 400),
        saveData('After', [{ key: 'step', value: "={{ 'approved-' + $execution.customData.ticket }}" }], 600),
      ],
      ['Webhook', 'Before', 'Wait', 'After'],
    );
    await call('approve', { ticket: 'T-7' });
    let id = '';
    await expect
      .poll(async () => {
        const [row] = (await list(owner, 'data=ticket:T-7')).data;
        id = row?.id ?? '';
        return row && (await owner.get(`/api/executions/${row.id}`)).json.status;
      })
      .toBe('waiting');
    expect((await owner.get(`/api/executions/${id}`)).json.customData).toEqual({ ticket: 'T-7' });

    expect((await fetch(`${api.url}/webhook-waiting/${id}`, { method: 'POST', body: '{}' })).status).toBe(
      200,
    );
    await expect
      .poll(async () => (await owner.get(`/api/executions/${id}`)).json.status, { timeout: 10_000 })
      .toBe('succeeded');
    expect((await owner.get(`/api/executions/${id}`)).json.customData).toEqual({
      ticket: 'T-7',
      step: 'approved-T-7',
    });
    expect((await list(owner, 'data=step:approved-T-7')).data.map((r) => r.id)).toEqual([id]);
  });

  it('is in every answer that shows a run: execute with wait or not, retry, replay', async () => {
    const id = await publish(
      'Inline',
      [
        node('Webhook', 'webhook', { httpMethod: 'POST', path: 'inline', responseMode: 'lastNode' }, 0),
        saveData('Save', [{ key: 'n', value: '={{ $json.n }}' }], 200),
      ],
      ['Webhook', 'Save'],
    );
    const inline = await owner.post(`/api/workflows/${id}/execute`, {
      items: [{ json: { n: 5 } }],
      wait: 10,
    });
    expect(inline.status).toBe(200);
    expect(inline.json).toMatchObject({ status: 'succeeded', customData: { n: '5' } });
    const queued = await owner.post(`/api/workflows/${id}/execute`, { items: [{ json: { n: 6 } }] });
    expect(queued.status).toBe(202);
    expect(queued.json.customData).toBeTypeOf('object');

    // A retry is answered queued, before it saved anything: {}; it saves its own once run.
    const retry = await owner.post(`/api/executions/${inline.json.id}/retry`, {});
    expect(retry.status).toBe(202);
    expect(retry.json.customData).toEqual({});
    await expect
      .poll(async () => (await owner.get(`/api/executions/${retry.json.id}`)).json.customData)
      .toEqual({ n: '5' });

    const replay = await owner.post(`/api/executions/${inline.json.id}/replay`, {});
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ status: 'succeeded', mode: 'replay', customData: { n: '5' } });
  });

  it('is deleted with its execution by retention pruning', async () => {
    const repo = api.runtime.storage.executions;
    const ids = (await list(owner, 'data=orderId')).data.map((r) => r.id);
    expect(ids.length).toBe(5);
    expect((await repo.customDataOf(ids)).size).toBe(5);
    expect(await repo.prune({ maxAgeDays: 0 }, Date.now() + 1000)).toBeGreaterThan(0);
    expect((await repo.customDataOf(ids)).size).toBe(0);
    expect((await list(owner, 'data=orderId')).data).toEqual([]);
  });
});
