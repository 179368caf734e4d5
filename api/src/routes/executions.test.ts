import { createRegistry, type NodeType, runWorkflow } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import {
  createExecutionServices,
  ExecutionRunner,
  type ExecutionServices,
  type ExecutionWorker,
  type ScheduleFire,
  startExecutionWorker,
} from '@tandem/worker';
import { nodeTypes as workerNodeTypes } from '@tandem/worker/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { everySecond } from './fixtures/schedule-flow.ts';
import { onScheduleFire, syncAllSchedules } from './publish.ts';

const desc = (type: string) =>
  ({
    type,
    displayName: type,
    description: type,
    group: 'transform',
    versions: [1],
    inputs: 1,
    outputs: 1,
    properties: [],
  }) as NodeType['description'];
/** Test nodes: `mark` tags items, `slow` waits `ms` honouring the abort signal. */
const testNodes: NodeType[] = [
  {
    description: desc('mark'),
    execute: (ctx) => [ctx.inputs[0].map((i) => ({ json: { ...i.json, marked: true } }))],
  },
  {
    description: desc('slow'),
    execute: (ctx) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => resolve([ctx.inputs[0]]), Number(ctx.node.parameters.ms ?? 20_000));
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(ctx.signal.reason);
        });
      }),
  },
];

function hookFlow(
  path: string,
  next: { type: string; parameters?: Record<string, string | number> } = { type: 'mark' },
  responseMode = 'lastNode',
): WorkflowJson {
  return {
    name: `flow ${path}`,
    nodes: [
      {
        id: 'a',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        parameters: { httpMethod: 'POST', path, responseMode },
      },
      {
        id: 'b',
        name: 'Next',
        type: next.type,
        typeVersion: 1,
        position: [200, 0],
        parameters: next.parameters ?? {},
      },
    ],
    connections: { Webhook: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
    settings: {},
  };
}

describe('executions, publishing and webhooks (embedded mode, SQLite)', () => {
  let api: TestApi;
  let services: ExecutionServices;
  let worker: ExecutionWorker;
  let owner: TestClient;
  let other: TestClient;
  let otherUser: { id: string };
  /** Every fire the scheduler delivers, before onScheduleFire decides whether it starts a run. */
  const fires: ScheduleFire[] = [];

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    services = await createExecutionServices({});
    (api.runtime.deps as unknown as { executions: ExecutionServices }).executions = services;
    const runner = new ExecutionRunner({
      store: api.runtime.storage.executions.store,
      events: services.events,
      runWorkflow,
      nodeTypes: createRegistry([...workerNodeTypes, ...testNodes]),
    });
    worker = await startExecutionWorker({
      queue: services.queue,
      events: services.events,
      store: api.runtime.storage.executions.store,
      runner,
    });
    const onFire = onScheduleFire(api.runtime.deps);
    services.scheduler.start((fire) => {
      fires.push(fire);
      return onFire(fire);
    });
    owner = new TestClient(api.url);
    await owner.register('owner@example.com');
    other = new TestClient(api.url);
    otherUser = await other.register('other@example.com');
  });
  afterAll(async () => {
    await worker?.stop(500);
    await services?.close(500);
    await api?.close();
  });

  const create = async (wf: WorkflowJson) => {
    const res = await owner.post('/api/workflows', wf);
    expect(res.status).toBe(201);
    return res.json.id as string;
  };

  it('runs published workflows through the API: wait, 202 + Location, idempotency', async () => {
    const id = await create(hookFlow('api-run'));
    const unpublished = await owner.post(`/api/workflows/${id}/execute`, { items: [{ json: { n: 1 } }] });
    expect(unpublished.status).toBe(409);
    const pub = await owner.post(`/api/workflows/${id}/publish`);
    expect(pub.status).toBe(201);
    expect(pub.json).toMatchObject({
      version: { number: 1, published: true },
      webhooks: [{ method: 'POST', path: 'api-run', node: 'Webhook' }],
      schedules: 0,
    });

    const inline = await owner.post(`/api/workflows/${id}/execute`, {
      items: [{ json: { n: 1 } }],
      wait: true,
    });
    expect(inline.status).toBe(200);
    expect(inline.json).toMatchObject({
      workflowId: id,
      status: 'succeeded',
      mode: 'api',
      versionId: pub.json.version.id,
    });
    const run = inline.json.runData.Next[0];
    expect(run).toMatchObject({ status: 'success', data: { main: [[{ json: { n: 1, marked: true } }]] } });
    expect(typeof run.startTime).toBe('number');
    expect(typeof run.executionTime).toBe('number');

    const queued = await owner.post(`/api/workflows/${id}/execute`, { items: [{ json: { n: 2 } }] });
    expect(queued.status).toBe(202);
    expect(queued.headers.get('location')).toBe(`/api/executions/${queued.json.id}`);
    await expect
      .poll(async () => (await owner.get(`/api/executions/${queued.json.id}`)).json.status)
      .toBe('succeeded');

    const k1 = await owner.post(`/api/workflows/${id}/execute`, {}, { 'idempotency-key': 'abc' });
    const k2 = await owner.post(`/api/workflows/${id}/execute`, {}, { 'idempotency-key': 'abc' });
    expect(k2.json.id).toBe(k1.json.id);

    const draft = await owner.post(`/api/workflows/${id}/execute`, { draft: true, wait: 10 });
    expect(draft.json).toMatchObject({ status: 'succeeded', mode: 'manual', versionId: null });

    const bad = await owner.post(`/api/workflows/${id}/execute`, { wait: 'forever' });
    expect(bad.status).toBe(400);
  });

  it('answers webhooks: last node, 404 unknown, 405 wrong method, 409 path conflict at publish', async () => {
    const id = await create(hookFlow('hook-a'));
    await owner.post(`/api/workflows/${id}/publish`);
    const res = await fetch(`${api.url}/webhook/hook-a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"value":21}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ body: { value: 21 }, marked: true });

    const unknown = await fetch(`${api.url}/webhook/nope`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    expect((await fetch(`${api.url}/webhook/hook-a`)).status).toBe(405);

    const clash = await create(hookFlow('hook-a'));
    const conflict = await owner.post(`/api/workflows/${clash}/publish`);
    expect(conflict.status).toBe(409);

    const immediate = await create(hookFlow('hook-now', { type: 'mark' }, 'onReceived'));
    await owner.post(`/api/workflows/${immediate}/publish`);
    const now = await fetch(`${api.url}/webhook/hook-now`, { method: 'POST', body: '{}' });
    expect(now.status).toBe(200);
    expect(await now.json()).toEqual({ message: 'Workflow was started' });
    const list = await owner.get(`/api/executions?workflowId=${immediate}&mode=webhook`);
    expect(list.json.data).toHaveLength(1);
    // Captured request headers are not shown back.
    const hookRun = await owner.get(`/api/executions?workflowId=${id}`);
    const full = await owner.get(`/api/executions/${hookRun.json.data[0].id}`);
    expect(full.json.runData.Webhook[0].data.main[0][0].json.headers).toBeDefined();
    expect(JSON.stringify(full.json.runData)).not.toContain('tandem_session');
  });

  it('refuses webhook calls that fail the node’s header authentication, before any execution', async () => {
    const cred = await owner.post('/api/credentials', {
      name: 'hook token',
      type: 'httpHeaderAuth',
      data: { name: 'x-token', value: 's3cret' },
    });
    expect(cred.status).toBe(201);
    const wf = hookFlow('guarded');
    wf.nodes[0].parameters.authentication = 'headerAuth';
    wf.nodes[0].credentials = { httpHeaderAuth: { id: cred.json.id, name: 'hook token' } };
    const id = await create(wf);
    await owner.post(`/api/workflows/${id}/publish`);
    const post = (headers: Record<string, string>) =>
      fetch(`${api.url}/webhook/guarded`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-token': 'wrong' })).status).toBe(403);
    expect((await owner.get(`/api/executions?workflowId=${id}`)).json.data).toEqual([]);
    const ok = await post({ 'x-token': 's3cret' });
    expect(ok.status).toBe(200);
    const runs = (await owner.get(`/api/executions?workflowId=${id}`)).json.data;
    expect(runs).toHaveLength(1);
    await expect
      .poll(async () => (await owner.get(`/api/executions/${runs[0].id}`)).json.status)
      .toBe('succeeded');
    expect(JSON.stringify((await owner.get(`/api/executions/${runs[0].id}`)).json.runData)).not.toContain(
      's3cret',
    );
  });

  it('cancels a running execution within 1 s, and a queued one at once', async () => {
    const id = await create(hookFlow('slow', { type: 'slow', parameters: { ms: 20_000 } }));
    await owner.post(`/api/workflows/${id}/publish`);
    const started = await owner.post(`/api/workflows/${id}/execute`, {});
    const execId = started.json.id;
    await expect.poll(async () => (await owner.get(`/api/executions/${execId}`)).json.status).toBe('running');
    const t0 = Date.now();
    const cancel = await owner.post(`/api/executions/${execId}/cancel`);
    expect(cancel.json.outcome).toBe('canceling');
    await expect
      .poll(async () => (await owner.get(`/api/executions/${execId}`)).json.status, {
        timeout: 1000,
        interval: 20,
      })
      .toBe('canceled');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await owner.post(`/api/executions/${execId}/cancel`)).json.outcome).toBe('already-finished');
    expect((await owner.delete(`/api/executions/${execId}`)).status).toBe(200);
    expect((await owner.get(`/api/executions/${execId}`)).status).toBe(404);
  });

  it('viewers cannot execute; other users and their API keys cannot see executions', async () => {
    const id = await create(hookFlow('private'));
    await owner.post(`/api/workflows/${id}/publish`);
    const ran = await owner.post(`/api/workflows/${id}/execute`, { wait: 10 });
    expect((await other.get(`/api/executions/${ran.json.id}`)).status).toBe(404);
    const key = await other.post('/api/api-keys', { name: 'k' });
    const bearer = new TestClient(api.url, {
      authorization: `Bearer ${key.json.key ?? key.json.token ?? key.json.secret}`,
    });
    expect((await bearer.get(`/api/executions/${ran.json.id}`)).status).toBe(404);
    const listed = await bearer.get('/api/executions');
    expect(listed.status).toBe(200);
    expect(listed.json.data).toEqual([]);
    expect(
      (
        await owner.put(`/api/workflows/${id}/members`, {
          members: [{ userId: otherUser.id, role: 'viewer' }],
        })
      ).status,
    ).toBe(200);
    expect((await other.get(`/api/executions/${ran.json.id}`)).status).toBe(200);
    expect((await other.post(`/api/workflows/${id}/execute`, {})).status).toBe(403);
    expect((await other.post(`/api/executions/${ran.json.id}/cancel`)).status).toBe(403);
  });

  it('lists versions, restores one into the draft, retries, and unpublishes', async () => {
    const id = await create(hookFlow('versions'));
    await owner.post(`/api/workflows/${id}/publish`);
    const draft = (await owner.get(`/api/workflows/${id}`)).json;
    await owner.put(`/api/workflows/${id}`, { ...draft, name: 'renamed' });
    await owner.post(`/api/workflows/${id}/publish`);
    const versions = await owner.get(`/api/workflows/${id}/versions`);
    expect(
      versions.json.data.map((v: { number: number; published: boolean }) => [v.number, v.published]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const v1 = await owner.get(`/api/workflows/${id}/versions/1`);
    expect(v1.json.workflow.name).toBe('flow versions');
    expect((await owner.get(`/api/workflows/${id}/versions/9`)).status).toBe(404);
    expect((await owner.post(`/api/workflows/${id}/versions/1/restore`)).status).toBe(200);
    expect((await owner.get(`/api/workflows/${id}`)).json.name).toBe('flow versions');

    const first = await owner.post(`/api/workflows/${id}/execute`, { items: [{ json: { x: 1 } }], wait: 10 });
    const retry = await owner.post(`/api/executions/${first.json.id}/retry`, { version: 'latest' });
    expect(retry.status).toBe(202);
    await expect
      .poll(async () => (await owner.get(`/api/executions/${retry.json.id}`)).json)
      .toMatchObject({ status: 'succeeded', retryOf: first.json.id, mode: 'retry' });

    expect((await owner.post(`/api/workflows/${id}/unpublish`)).status).toBe(200);
    expect((await fetch(`${api.url}/webhook/versions`, { method: 'POST' })).status).toBe(404);
    expect((await owner.post(`/api/workflows/${id}/execute`, {})).status).toBe(409);
  });

  it('stops firing a schedule the moment its workflow is archived, and fires it again once restored', {
    timeout: 15_000,
  }, async () => {
    const id = await create(everySecond('archived schedule'));
    expect((await owner.post(`/api/workflows/${id}/publish`)).json.schedules).toBe(1);
    const firesOf = () => fires.filter((f) => f.workflowId === id).length;
    await expect.poll(firesOf, { timeout: 3000 }).toBeGreaterThan(0);

    expect((await owner.delete(`/api/workflows/${id}`)).status).toBe(200);
    const atArchive = firesOf();
    expect(await services.scheduler.list(id)).toEqual([]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(firesOf()).toBe(atArchive);
    // What a process does at start: it registers published workflows, and this one is archived.
    await syncAllSchedules(api.runtime.deps);
    expect(await services.scheduler.list(id)).toEqual([]);

    const runs = async () =>
      (await owner.get(`/api/executions?workflowId=${id}&mode=schedule&limit=100`)).json.data.length;
    const runsAtRestore = await runs();
    expect((await owner.post(`/api/workflows/${id}/unarchive`)).status).toBe(200);
    expect((await services.scheduler.list(id)).map((s) => s.id)).toEqual([`${id}|Schedule|0`]);
    await expect.poll(firesOf, { timeout: 3000 }).toBeGreaterThan(atArchive);
    await expect.poll(runs, { timeout: 3000 }).toBeGreaterThan(runsAtRestore);
    await owner.post(`/api/workflows/${id}/unpublish`);
  });

  it('replays an execution against the edited draft and diffs the two runs', async () => {
    const id = await create(hookFlow('whatif'));
    await owner.post(`/api/workflows/${id}/publish`);
    const first = await owner.post(`/api/workflows/${id}/execute`, { items: [{ json: { n: 7 } }], wait: 10 });
    const draft = (await owner.get(`/api/workflows/${id}`)).json;
    draft.nodes[1].type = 'slow';
    draft.nodes[1].parameters = { ms: 1 };
    await owner.put(`/api/workflows/${id}`, draft);
    const replay = await owner.post(`/api/executions/${first.json.id}/replay`, {});
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ status: 'succeeded', mode: 'replay', versionId: null });
    const diff = await owner.get(`/api/executions/${first.json.id}/compare/${replay.json.id}`);
    const byNode = Object.fromEntries(diff.json.nodes.map((n: { node: string }) => [n.node, n]));
    expect(byNode.Webhook.status).toBe('same');
    expect(byNode.Next).toMatchObject({
      status: 'changed',
      items: [{ index: 0, change: 'changed', a: { n: 7, marked: true }, b: { n: 7 } }],
    });
    const v1 = await owner.post(`/api/executions/${first.json.id}/replay`, { version: 1 });
    expect(v1.json.versionId).toBe(first.json.versionId);
    expect((await owner.post(`/api/executions/${first.json.id}/replay`, { version: 99 })).status).toBe(404);
    expect((await other.get(`/api/executions/${first.json.id}/compare/${replay.json.id}`)).status).toBe(404);
  });

  it('pages through executions with a cursor', async () => {
    const id = await create(hookFlow('paging'));
    await owner.post(`/api/workflows/${id}/publish`);
    for (let i = 0; i < 3; i++) await owner.post(`/api/workflows/${id}/execute`, { wait: 10 });
    const p1 = await owner.get(`/api/executions?workflowId=${id}&limit=2`);
    expect(p1.json.data).toHaveLength(2);
    // Each row names its workflow, so a list reads without a call per row.
    expect(p1.json.data.map((r: { workflowName?: string }) => r.workflowName)).toEqual([
      'flow paging',
      'flow paging',
    ]);
    const p2 = await owner.get(`/api/executions?workflowId=${id}&limit=2&cursor=${p1.json.nextCursor}`);
    expect(p2.json.data).toHaveLength(1);
    expect(p2.json.nextCursor).toBeNull();
    expect((await owner.get('/api/executions?status=exploded')).status).toBe(400);
  });
});

describe('live events over SSE', () => {
  let api: TestApi;
  let services: ExecutionServices;
  let worker: ExecutionWorker;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    services = await createExecutionServices({});
    (api.runtime.deps as unknown as { executions: ExecutionServices }).executions = services;
    const runner = new ExecutionRunner({
      store: api.runtime.storage.executions.store,
      events: services.events,
      runWorkflow,
      nodeTypes: createRegistry([...workerNodeTypes, ...testNodes]),
    });
    worker = await startExecutionWorker({
      queue: services.queue,
      events: services.events,
      store: api.runtime.storage.executions.store,
      runner,
    });
  });
  afterAll(async () => {
    await worker?.stop(500);
    await services?.close(500);
    await api?.close();
  });

  it('streams execution.started … execution.finished to a viewer within 100 ms, refuses strangers', async () => {
    const owner = new TestClient(api.url);
    await owner.register('sse-owner@example.com');
    const id = (await owner.post('/api/workflows', hookFlow('sse'))).json.id;
    await owner.post(`/api/workflows/${id}/publish`);
    const stranger = new TestClient(api.url);
    await stranger.register('sse-stranger@example.com');
    expect((await stranger.get(`/api/workflows/${id}/events`)).status).toBe(404);

    const controller = new AbortController();
    const res = await fetch(`${api.url}/api/workflows/${id}/events`, {
      headers: { cookie: owner.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const seen: Array<{ type: string; at: number; receivedAt: number }> = [];
    let buffer = '';
    const read = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (data && /^event: (execution|node)\./m.test(chunk))
            seen.push({ ...JSON.parse(data), receivedAt: Date.now() });
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 50)); // let the subscription start
    await owner.post(`/api/workflows/${id}/execute`, { wait: 10 });
    await expect.poll(() => seen.some((e) => e.type === 'execution.finished')).toBe(true);
    controller.abort();
    await read;
    expect(seen.map((e) => e.type)).toEqual([
      'execution.started',
      'node.started',
      'node.finished',
      'node.started',
      'node.finished',
      'execution.finished',
    ]);
    for (const e of seen) expect(e.receivedAt - e.at).toBeLessThan(100);
  });

  it('ends the stream within seconds once the viewer loses access', async () => {
    const owner = new TestClient(api.url);
    await owner.register('sse-owner2@example.com');
    const viewer = new TestClient(api.url);
    const viewerId = (await viewer.register('sse-viewer2@example.com')).id;
    const id = (await owner.post('/api/workflows', hookFlow('sse2'))).json.id;
    await owner.put(`/api/workflows/${id}/members`, { members: [{ userId: viewerId, role: 'viewer' }] });
    const res = await fetch(`${api.url}/api/workflows/${id}/events`, { headers: { cookie: viewer.cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    await owner.put(`/api/workflows/${id}/members`, { members: [] });
    const started = Date.now();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
