import type { ChildProcess } from 'node:child_process';
import type { ExecutionEvent, WorkflowJson } from '@tandem/shared/schema';
import { createExecutionServices, type ExecutionServices } from '@tandem/worker';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REDIS_URL, testPrefix } from '../../../worker/src/queue/testing/redis.ts';
import { testLogger } from '../logger.ts';
import { createRuntime } from '../runtime.ts';
import { startHttpServer } from '../server.ts';
import type { TestApi, TestClient } from '../test-support/harness.ts';
import { type ProductionApi, startProductionApi } from './fixtures/production-api.ts';
import { everySecond } from './fixtures/schedule-flow.ts';
import { syncAllSchedules } from './publish.ts';

const prefix = testPrefix();

function flow(
  path: string,
  middle: Array<{ name: string; type: string; parameters?: Record<string, number> }>,
): WorkflowJson {
  const nodes = [
    {
      id: 'w',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0] as [number, number],
      parameters: { httpMethod: 'POST', path, responseMode: 'lastNode' },
    },
    ...middle.map((m, i) => ({
      id: `m${i}`,
      name: m.name,
      type: m.type,
      typeVersion: 1,
      position: [200 * (i + 1), 0] as [number, number],
      parameters: m.parameters ?? {},
    })),
  ];
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i < nodes.length - 1; i++)
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  return { name: path, nodes, connections, settings: {} };
}

describe('production mode: MariaDB + BullMQ + Redis, two worker processes', () => {
  let prod: ProductionApi;
  let api: TestApi;
  let services: ExecutionServices;
  let client: TestClient;
  let redis: Redis;
  const workers: ChildProcess[] = [];
  const finished: ExecutionEvent[] = [];

  const spawnWorker = async () => {
    const child = await prod.spawnWorker();
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    // 1,000 concurrent calls from one address: above the public defaults (webhook-http.ts).
    vi.stubEnv('WEBHOOK_RATE_PER_IP', '100000');
    vi.stubEnv('WEBHOOK_RATE_PER_PATH', '100000');
    vi.stubEnv('WEBHOOK_MAX_PENDING_PER_PATH', '100000');
    prod = await startProductionApi(prefix, 'prod@example.com');
    ({ api, services, client, redis } = prod);
    await Promise.all([spawnWorker(), spawnWorker()]);
  }, 60_000);
  afterAll(async () => {
    await prod?.close();
  });

  const publish = async (wf: WorkflowJson) => {
    const id = (await client.post('/api/workflows', wf)).json.id as string;
    await services.events.subscribeWorkflow(id, (e) => e.type === 'execution.finished' && finished.push(e));
    expect((await client.post(`/api/workflows/${id}/publish`)).status).toBe(201);
    return id;
  };

  it('1,000 concurrent webhook calls → 1,000 executions succeeded, each exactly once', {
    timeout: 180_000,
  }, async () => {
    const id = await publish(
      flow('bulk', [
        { name: 'Count', type: 'count' },
        { name: 'Mark', type: 'mark' },
      ]),
    );
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        fetch(`${api.url}/webhook/bulk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ i }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { body: { i: number }; marked: boolean },
        })),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1000);
    expect(new Set(responses.map((r) => r.body.body.i)).size).toBe(1000);
    const rows = await api.runtime.storage.executions.list({ workflowId: id, limit: 2000 });
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    const counts = await redis.mget(...rows.map((r) => `${prefix}:count:${r.id}:Count`));
    expect(counts.every((c) => c === '1')).toBe(true);
    await expect.poll(() => finished.filter((e) => e.workflowId === id).length).toBe(1000);
    expect(new Set(finished.filter((e) => e.workflowId === id).map((e) => e.executionId)).size).toBe(1000);
  });

  it('kill -9 of the worker mid-execution → resumes after the last finished node, finishes once', {
    timeout: 60_000,
  }, async () => {
    const id = await publish(
      flow('durable', [
        { name: 'Before', type: 'count' },
        { name: 'Slow', type: 'slow', parameters: { ms: 2500 } },
        { name: 'After', type: 'count' },
      ]),
    );
    const exec = (await client.post(`/api/workflows/${id}/execute`, { items: [{ json: { x: 1 } }] })).json
      .id as string;
    await expect.poll(() => redis.get(`${prefix}:holder:${exec}`), { timeout: 10_000 }).not.toBeNull();
    const holder = Number(await redis.get(`${prefix}:holder:${exec}`));
    const victim = workers.find((w) => w.pid === holder)!;
    expect(victim).toBeDefined();
    victim.kill('SIGKILL');
    await expect
      .poll(async () => (await client.get(`/api/executions/${exec}`)).json.status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe('succeeded');
    const count = async (node: string) => redis.get(`${prefix}:count:${exec}:${node}`);
    expect(await count('Before')).toBe('1'); // finished before the crash: not run again
    expect(await count('Slow')).toBe('2'); // the running node is retried
    expect(await count('After')).toBe('1');
    expect(Number(await redis.get(`${prefix}:holder:${exec}`))).not.toBe(holder);
    await new Promise((r) => setTimeout(r, 300));
    expect(finished.filter((e) => e.executionId === exec)).toHaveLength(1);
    const full = (await client.get(`/api/executions/${exec}`)).json;
    expect(Object.keys(full.runData).sort()).toEqual(['After', 'Before', 'Slow', 'Webhook']);
  });

  it('kill -9 before a Respond to Webhook: the resumed run answers the waiting call, once', {
    timeout: 60_000,
  }, async () => {
    await spawnWorker(); // the previous test killed one
    const wf = flow('durable-respond', [
      { name: 'Before', type: 'count' },
      { name: 'Slow', type: 'slow', parameters: { ms: 2500 } }, // written with the final state, not on its own
      { name: 'Respond', type: 'respondToWebhook' },
    ]);
    wf.nodes[0].parameters.responseMode = 'responseNode';
    const id = await publish(wf);
    const call = fetch(`${api.url}/webhook/durable-respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ i: 7 }),
    });
    let exec = '';
    await expect
      .poll(async () => {
        exec = (await api.runtime.storage.executions.list({ workflowId: id, limit: 1 }))[0]?.id ?? '';
        return exec && redis.get(`${prefix}:holder:${exec}`);
      })
      .toBeTruthy();
    const holder = Number(await redis.get(`${prefix}:holder:${exec}`));
    workers.find((w) => w.pid === holder)!.kill('SIGKILL');
    const res = await call;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { body: { i: number } }).body.i).toBe(7);
    const count = async (node: string) => redis.get(`${prefix}:count:${exec}:${node}`);
    expect(await count('Before')).toBe('1'); // committed with mark-running: not run again
    expect(await count('Slow')).toBe('2');
    expect((await client.get(`/api/executions/${exec}`)).json.status).toBe('succeeded');
    await new Promise((r) => setTimeout(r, 300));
    expect(finished.filter((e) => e.executionId === exec)).toHaveLength(1);
    const full = (await client.get(`/api/executions/${exec}`)).json;
    expect(Object.keys(full.runData).sort()).toEqual(['Before', 'Respond', 'Slow', 'Webhook']);
  });

  it('two api processes, one restarted: every call is answered by way of the reply channel of its process', {
    timeout: 60_000,
  }, async () => {
    const id = await publish(flow('two-apis', [{ name: 'Count', type: 'count' }]));
    // Another api process on the same database and Redis, with its own event bus (its own reply channel).
    const second = async () => {
      const runtime = await createRuntime(api.runtime.deps.config, { logger: testLogger() });
      const own = await createExecutionServices({ redisUrl: REDIS_URL, prefix });
      (runtime.deps as unknown as { executions: ExecutionServices }).executions = own;
      const http = await startHttpServer(runtime.deps);
      return {
        url: http.url,
        replyTo: own.events.replyTo,
        async close() {
          await http.close();
          await own.close(500);
          await runtime.close();
        },
      };
    };
    const call = async (url: string, i: number) => {
      const r = await fetch(`${url}/webhook/two-apis`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ i }),
      });
      return { status: r.status, i: ((await r.json()) as { body: { i: number } }).body.i };
    };
    const calls = (urls: string[]) => Promise.all(Array.from({ length: 40 }, (_, i) => call(urls[i % 2], i)));
    const expected = Array.from({ length: 40 }, (_, i) => ({ status: 200, i }));
    const other = await second();
    expect(other.replyTo).not.toBe(services.events.replyTo);
    expect(await calls([api.url, other.url])).toEqual(expected);
    const rows = await api.runtime.storage.executions.list({ workflowId: id, limit: 100 });
    const records = await Promise.all(rows.map((r) => api.runtime.storage.executions.get(r.id)));
    const replyTos = new Set(records.map((r) => r?.input?.replyTo));
    expect(replyTos).toEqual(new Set([services.events.replyTo, other.replyTo]));
    await other.close();
    const restarted = await second();
    expect(await calls([restarted.url, api.url])).toEqual(expected);
    await restarted.close();
  });

  it('cancel during a slow node over Redis: canceled within 1 s', { timeout: 30_000 }, async () => {
    const id = await publish(flow('cancel-me', [{ name: 'Slow', type: 'slow', parameters: { ms: 20_000 } }]));
    const exec = (await client.post(`/api/workflows/${id}/execute`, {})).json.id as string;
    await expect.poll(() => redis.get(`${prefix}:holder:${exec}`), { timeout: 10_000 }).not.toBeNull();
    const t0 = Date.now();
    expect((await client.post(`/api/executions/${exec}/cancel`)).json.outcome).toBe('canceling');
    await expect
      .poll(async () => (await client.get(`/api/executions/${exec}`)).json.status, {
        timeout: 1000,
        interval: 25,
      })
      .toBe('canceled');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('archiving removes the workflow’s job schedulers from Redis, a process start leaves them out, restoring puts them back', async () => {
    const id = await publish(everySecond('archived schedule'));
    const schedules = new Queue('schedules', { connection: redis, prefix });
    const inRedis = async () =>
      (await schedules.getJobSchedulers(0, -1)).map((s) => s.key).filter((k) => k.startsWith(`${id}|`));
    expect(await inRedis()).toEqual([`${id}|Schedule|0`]);
    expect((await client.delete(`/api/workflows/${id}`)).status).toBe(200);
    expect(await inRedis()).toEqual([]);
    await syncAllSchedules(api.runtime.deps); // what every worker process does at start
    expect(await inRedis()).toEqual([]);
    expect((await client.post(`/api/workflows/${id}/unarchive`)).status).toBe(200);
    expect(await inRedis()).toEqual([`${id}|Schedule|0`]);
    await client.post(`/api/workflows/${id}/unpublish`);
    await schedules.close();
  });
});
