import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { testRegistry } from './fixtures/test-nodes.ts';

const flow = (name: string, next: { type: string; parameters?: Record<string, unknown> }) => ({
  name,
  nodes: [
    { id: 's', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    { id: 'n', name: 'Next', typeVersion: 1, position: [200, 0], parameters: {}, ...next },
  ],
  connections: { Start: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
});

const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const MB = 1024 * 1024;

/** A clear error: the status, the stable code, a message, and nothing of the server's internals. */
function expectError(res: { status: number; json: any; text: string }, status: number, code: string) {
  expect({ status: res.status, code: res.json?.error?.code }, res.text.slice(0, 300)).toEqual({
    status,
    code,
  });
  expect(typeof res.json.error.message).toBe('string');
  expect(res.text).not.toMatch(
    /\bat .+\.ts:\d+|SQLITE_|ER_[A-Z_]+|sqlMessage|invalid_type|ZodError|"expected"/,
  );
}

describe.each(BACKENDS)('execution routes answer bad input with a clear error, on %s', (dialect) => {
  let api: TestApi;
  let owner: TestClient;
  let stranger: TestClient;
  let wf = '';
  let otherWf = '';
  let slowWf = '';
  let done = '';
  let otherDone = '';
  let strangers = '';
  const execute = (body: unknown, headers?: Record<string, string>, id = wf) =>
    owner.request('POST', `/api/workflows/${id}/execute`, body, headers);

  /** The server still answers a normal request after a hostile one. */
  async function expectHealthy() {
    expect((await owner.get('/api/health')).status).toBe(200);
    const run = await execute({ items: [{ json: { n: 1 } }], wait: 10 });
    expect(run.status, run.text).toBe(200);
    expect(run.json.status).toBe('succeeded');
  }

  beforeAll(async () => {
    api = await startRunningTestApi(dialect, {}, { nodeTypes: testRegistry() });
    // The first to register is the instance admin, who may see every run: the owner is the second.
    await new TestClient(api.url).register('admin@example.com');
    owner = new TestClient(api.url);
    await owner.register('owner@example.com');
    stranger = new TestClient(api.url);
    await stranger.register('stranger@example.com');
    const create = async (c: TestClient, body: unknown) => {
      const res = await c.post('/api/workflows', body);
      expect(res.status).toBe(201);
      expect((await c.post(`/api/workflows/${res.json.id}/publish`)).status).toBe(201);
      return res.json.id as string;
    };
    wf = await create(owner, flow('Main', { type: 'mark' }));
    otherWf = await create(owner, flow('Other', { type: 'mark' }));
    slowWf = await create(owner, flow('Slow', { type: 'slow', parameters: { ms: 20_000 } }));
    const strangerWf = await create(stranger, flow('Theirs', { type: 'mark' }));
    done = (await execute({ wait: 10 })).json.id;
    otherDone = (await execute({ wait: 10 }, {}, otherWf)).json.id;
    strangers = (await stranger.post(`/api/workflows/${strangerWf}/execute`, { wait: 10 })).json.id;
  }, 60_000);
  afterAll(() => api?.close());

  describe('POST /api/workflows/{id}/execute', () => {
    const cases: [string, string | object, number, string][] = [
      ['a body that is not JSON', '{"items": [', 400, 'invalid_json'],
      ['a JSON array', '[]', 400, 'validation_failed'],
      ['a JSON string', '"run"', 400, 'validation_failed'],
      ['JSON null', 'null', 400, 'validation_failed'],
      ['items not an array', { items: { json: {} } }, 400, 'validation_failed'],
      ['items of non-objects', { items: [1, 'x', null] }, 400, 'validation_failed'],
      ['items without json', { items: [{ binary: {} }] }, 400, 'validation_failed'],
      ['json not an object', { items: [{ json: [1] }] }, 400, 'validation_failed'],
      [
        'more than 10,000 items',
        { items: Array.from({ length: 10_001 }, () => ({ json: {} })) },
        400,
        'validation_failed',
      ],
      ['items nested 10,000 levels deep', `{"items":[{"json":${nested(10_000)}}]}`, 400, 'validation_failed'],
      [
        'pinData nested 10,000 levels deep',
        `{"pinData":{"Next":[{"json":${nested(10_000)}}]}}`,
        400,
        'validation_failed',
      ],
      ['a negative wait', { wait: -1 }, 400, 'validation_failed'],
      ['a huge wait', { wait: 1e12 }, 400, 'validation_failed'],
      ['a NaN-like wait', { wait: 'NaN' }, 400, 'validation_failed'],
      ['a string wait', { wait: '10' }, 400, 'validation_failed'],
      ['a non-boolean draft', { draft: 'yes' }, 400, 'validation_failed'],
      ['an unknown startNode', { startNode: 'Nowhere' }, 400, 'validation_failed'],
      ['a very long startNode', { startNode: 'x'.repeat(10_000) }, 400, 'validation_failed'],
      ['a startNode that is not a string', { startNode: 5 }, 400, 'validation_failed'],
      ['an unknown destinationNode', { destinationNode: 'Nowhere' }, 400, 'validation_failed'],
      ['pinData not an object', { pinData: [1, 2] }, 400, 'validation_failed'],
      ['pinData items not an array', { pinData: { Next: { json: {} } } }, 400, 'validation_failed'],
      ['pinData of an unknown node', { pinData: { Nowhere: [{ json: {} }] } }, 400, 'validation_failed'],
      ['an unknown field', { itemz: [] }, 400, 'validation_failed'],
    ];
    it.each(cases)('%s', async (_, body, status, code) => {
      expectError(await execute(body), status, code);
      await expectHealthy();
    });

    it('a body over the limit: 413, and the server keeps working', async () => {
      const big = `{"items":[{"json":{"s":"${'x'.repeat(17 * MB)}"}}]}`;
      expectError(await execute(big), 413, 'payload_too_large');
      await expectHealthy();
    });

    it('a body just under the limit is run or refused clearly, never a 500', async () => {
      const body = `{"items":[{"json":{"s":"${'x'.repeat(16 * MB - 100)}"}}]}`;
      const res = await execute(body);
      if (res.status >= 400) expectError(res, 413, 'payload_too_large');
      else {
        expect(res.status).toBe(202);
        await expect
          .poll(async () => (await owner.get(`/api/executions/${res.json.id}`)).json?.status, {
            timeout: 30_000,
          })
          .toMatch(/succeeded|error/);
      }
      await expectHealthy();
    }, 60_000);

    it.each([
      ['that does not exist', () => 'nope'],
      ['of another workflow', () => otherDone],
      ["of another user's workflow", () => strangers],
    ])('a previousExecutionId %s: 400 naming it, alike whoever owns it', async (_, id) => {
      const res = await execute({ destinationNode: 'Next', previousExecutionId: id() });
      expectError(res, 400, 'validation_failed');
      expect(res.json.error.details).toEqual([
        { path: 'previousExecutionId', message: 'no execution with this id of this workflow' },
      ]);
      await expectHealthy();
    });

    it("a previousExecutionId of this workflow runs the node alone on that run's data", async () => {
      const res = await execute({
        destinationNode: 'Next',
        runNodeOnly: true,
        previousExecutionId: done,
        wait: 10,
      });
      expect(res.status, res.text).toBe(200);
      expect(res.json.status).toBe('succeeded');
      expect(res.json.runData.Next).toHaveLength(1);
    });

    const keys: [string, string, number, string][] = [
      ['an empty Idempotency-Key', '', 400, 'validation_failed'],
      ['a 10 KB Idempotency-Key', 'k'.repeat(10_000), 400, 'validation_failed'],
      [
        'a non-ASCII Idempotency-Key',
        Buffer.from('clé-ü', 'utf8').toString('latin1'),
        400,
        'validation_failed',
      ],
    ];
    it.each(keys)('%s', async (_, key, status, code) => {
      expectError(await execute({}, { 'idempotency-key': key }), status, code);
      await expectHealthy();
    });

    it('a control character in Idempotency-Key is refused before the app, and the server keeps working', async () => {
      await expect(execute({}, { 'idempotency-key': 'a\u0001b' })).rejects.toThrow();
      await expectHealthy();
    });

    it('the same Idempotency-Key with another body: 422, the first execution kept; the same body answers it again', async () => {
      const first = await execute({ items: [{ json: { n: 1 } }] }, { 'idempotency-key': 'order-1' });
      expect(first.status).toBe(202);
      const again = await execute({ items: [{ json: { n: 1 } }], wait: 5 }, { 'idempotency-key': 'order-1' });
      expect(again.json.id).toBe(first.json.id);
      const other = await execute({ items: [{ json: { n: 2 } }] }, { 'idempotency-key': 'order-1' });
      expectError(other, 422, 'unprocessable');
      expect(other.json.error.details).toEqual({ executionId: first.json.id });
      const draft = await execute(
        { items: [{ json: { n: 1 } }], draft: true },
        { 'idempotency-key': 'order-1' },
      );
      expectError(draft, 422, 'unprocessable');
      await expectHealthy();
    });

    const ids: [string, string][] = [
      ['too long', 'w'.repeat(300)],
      ['with ../', '..%2F..%2Fexecutions'],
      ['with %00', 'abc%00def'],
      ['unicode', encodeURIComponent('wörkflow-🚀')],
    ];
    it.each(ids)('a workflow id %s', async (_, id) => {
      const res = await execute({}, {}, id);
      expect([400, 404]).toContain(res.status);
      expectError(res, res.status, res.status === 400 ? 'validation_failed' : 'not_found');
      await expectHealthy();
    });
  });

  describe('GET /api/executions', () => {
    const cases: [string, string][] = [
      ['an unknown status', 'status=exploded'],
      ['an unknown mode', 'mode=telepathy'],
      ['an unparseable from', 'from=yesterday'],
      ['an inverted time range', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
      ['limit 0', 'limit=0'],
      ['a negative limit', 'limit=-5'],
      ['a huge limit', 'limit=1000000'],
      ['a non-numeric limit', 'limit=ten'],
      ['a base64 garbage cursor', 'cursor=%25%25not-base64%25%25'],
      ['a forged cursor', `cursor=${Buffer.from('{"createdAt":"soon","id":7}').toString('base64url')}`],
      ['a truncated cursor', 'cursor=eyJjcmVhdGVkQXQiOjE3'],
      ['a repeated status', 'status=succeeded&status=error'],
      ['a repeated limit', 'limit=1&limit=2'],
    ];
    it.each(cases)('%s: 400', async (_, query) => {
      expectError(await owner.get(`/api/executions?${query}`), 400, 'validation_failed');
      await expectHealthy();
    });

    it('a real cursor still pages', async () => {
      const first = await owner.get('/api/executions?limit=1');
      expect(first.status).toBe(200);
      const next = await owner.get(`/api/executions?limit=1&cursor=${first.json.nextCursor}`);
      expect(next.status).toBe(200);
      expect(next.json.data[0].id).not.toBe(first.json.data[0].id);
    });
  });

  describe('one execution: view, cancel, delete, retry, replay, compare', () => {
    const paths = (id: string): [string, string][] => [
      ['GET', `/api/executions/${id}`],
      ['DELETE', `/api/executions/${id}`],
      ['POST', `/api/executions/${id}/cancel`],
      ['POST', `/api/executions/${id}/retry`],
      ['POST', `/api/executions/${id}/replay`],
      ['GET', `/api/executions/${id}/compare/${id}`],
    ];
    it.each([
      ['an unknown id', () => 'nope'],
      ["another user's execution", () => strangers],
      ['an id with %00', () => 'abc%00'],
      ['a unicode id', () => encodeURIComponent('exé-🚀')],
      ['an id with encoded ../', () => '..%2F..%2Fworkflows'],
    ])('%s: 404 on every route', async (_, id) => {
      for (const [method, path] of paths(id())) {
        const res = await owner.request(method, path, method === 'POST' ? {} : undefined);
        expectError(res, 404, 'not_found');
      }
      await expectHealthy();
    });

    it('a too-long id: 400 on every route', async () => {
      for (const [method, path] of paths('e'.repeat(300))) {
        expectError(
          await owner.request(method, path, method === 'POST' ? {} : undefined),
          400,
          'validation_failed',
        );
      }
    });

    const bodies: [string, string, string | object, number, string][] = [
      ['retry', 'not JSON', '{"version":', 400, 'invalid_json'],
      ['retry', 'an unknown version', { version: 'newest' }, 400, 'validation_failed'],
      ['retry', 'an unknown field', { versoin: 'latest' }, 400, 'validation_failed'],
      ['retry', 'a JSON array', '[]', 400, 'validation_failed'],
      ['replay', 'not JSON', '{"wait":', 400, 'invalid_json'],
      ['replay', 'a version that is not a number', { version: 'one' }, 400, 'validation_failed'],
      ['replay', 'version 0', { version: 0 }, 400, 'validation_failed'],
      ['replay', 'a version that does not exist', { version: 99, wait: false }, 404, 'not_found'],
      ['replay', 'a non-boolean wait', { wait: 'no' }, 400, 'validation_failed'],
    ];
    it.each(bodies)('%s with a body of %s', async (route, _, body, status, code) => {
      expectError(await owner.request('POST', `/api/executions/${done}/${route}`, body), status, code);
      await expectHealthy();
    });

    it('retry with no body, or an empty one, runs the same version again', async () => {
      const none = await owner.request('POST', `/api/executions/${done}/retry`);
      expect(none.status).toBe(202);
      expect((await owner.post(`/api/executions/${done}/retry`, {})).status).toBe(202);
    });

    it('a running execution: retry 409, delete 409, cancel works; a finished one: cancel says so', async () => {
      const running = (await execute({}, {}, slowWf)).json.id as string;
      await expect
        .poll(async () => (await owner.get(`/api/executions/${running}`)).json.status)
        .toBe('running');
      expectError(await owner.post(`/api/executions/${running}/retry`, {}), 409, 'conflict');
      expectError(await owner.delete(`/api/executions/${running}`), 409, 'conflict');
      const cancel = await owner.post(`/api/executions/${running}/cancel`, {});
      expect(cancel.status).toBe(200);
      const finished = await owner.post(`/api/executions/${done}/cancel`, {});
      expect(finished.json).toEqual({ id: done, outcome: 'already-finished' });
      await expectHealthy();
    });

    it('compare with itself: no differences; two executions of different workflows: 422', async () => {
      const self = await owner.get(`/api/executions/${done}/compare/${done}`);
      expect(self.status).toBe(200);
      expectError(await owner.get(`/api/executions/${done}/compare/${otherDone}`), 422, 'unprocessable');
    });
  });
});
