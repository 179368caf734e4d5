import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../storage/test-databases.ts';
import { startRunningTestApi, type TestApi, TestClient } from '../test-support/harness.ts';
import { type RawAnswer, rawRequest } from '../test-support/raw-request.ts';

const echo = (path: string) => ({
  name: path,
  nodes: [
    {
      id: 'w',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { httpMethod: 'POST', path, responseMode: 'lastNode' },
    },
    {
      id: 'n',
      name: 'Next',
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
      position: [200, 0],
      parameters: {},
    },
  ],
  connections: { Webhook: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
});

type Answer = RawAnswer & { json: any };

async function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  const res = await rawRequest(base, method, path, headers, body);
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = undefined;
  }
  return { ...res, json } as Answer;
}

function expectError(res: Answer, status: number, code: string) {
  expect({ status: res.status, code: res.json?.error?.code }, res.body.slice(0, 300)).toEqual({
    status,
    code,
  });
  expect(res.headers['content-security-policy']).toBe('sandbox');
  expect(res.body).not.toMatch(/\bat .+\.ts:\d+|SQLITE_|ER_[A-Z_]+|Unexpected token|SyntaxError/);
}

const json = { 'content-type': 'application/json' };
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const MB = 1024 * 1024;

describe.each(BACKENDS)('webhooks answer bad input with a clear error, on %s', (dialect) => {
  let api: TestApi;
  let owner: TestClient;
  let workflowId = '';
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    raw(api.url, method, path, headers, body);

  /** The server still answers a normal webhook call and API request after a hostile one. */
  async function expectHealthy() {
    expect((await owner.get('/api/health')).status).toBe(200);
    const ok = await call('POST', '/webhook/echo', json, '{"n":1}');
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json.body).toEqual({ n: 1 });
  }

  beforeAll(async () => {
    api = await startRunningTestApi(dialect);
    owner = new TestClient(api.url);
    await owner.register('hooks@example.com');
    const created = await owner.post('/api/workflows', echo('echo'));
    workflowId = created.json.id;
    expect((await owner.post(`/api/workflows/${workflowId}/publish`)).status).toBe(201);
    expect((await owner.post(`/api/workflows/${workflowId}/webhook-test`)).status).toBe(200);
  });
  afterAll(() => api?.close());

  const bodies: [string, Record<string, string>, string, number, string][] = [
    ['invalid JSON sent as application/json', json, '{"a":', 400, 'invalid_json'],
    [
      'invalid JSON sent as application/vnd.api+json',
      { 'content-type': 'application/vnd.api+json' },
      'nope',
      400,
      'invalid_json',
    ],
    ['JSON nested 10,000 levels deep', json, nested(10_000), 400, 'validation_failed'],
    [
      'a 9 MiB JSON string (over the input limit, under the body limit)',
      json,
      `"${'x'.repeat(9 * MB)}"`,
      413,
      'payload_too_large',
    ],
    ['a body over the limit', json, `"${'x'.repeat(17 * MB)}"`, 413, 'payload_too_large'],
  ];
  for (const prefix of ['/webhook', '/webhook-test']) {
    it.each(bodies)(`${prefix}: %s`, async (_, headers, body, status, code) => {
      expectError(await call('POST', `${prefix}/echo`, headers, body), status, code);
      await expectHealthy();
    });
  }

  it('runs what is not JSON as text: NDJSON, text/plain, and multipart/form-data well or badly formed', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'content-type': 'application/x-ndjson' }, '{"a":1}\n{"a":2}\n'],
      [{ 'content-type': 'text/plain' }, '{"a":'],
      [{ 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz\r\nContent-Disposition: form-da'],
      [{ 'content-type': 'multipart/form-data' }, 'no boundary at all'],
    ];
    for (const [headers, body] of cases) {
      const res = await call('POST', '/webhook/echo', headers, body);
      expect(res.status, res.body).toBe(200);
      expect(res.json.body).toBe(body);
    }
    await expectHealthy();
  });

  it.each([
    ['an encoded slash', '/webhook/ec%2Fho'],
    ['encoded dot segments', '/webhook/a/%2e%2e/nothing'],
    ['a raw dot segment out of /webhook', '/webhook/../webhook/nothing'],
    ['a null byte', '/webhook/echo%00'],
    ['malformed percent-encoding', '/webhook/echo%E0%A4%A'],
    ['an 8 KB path', `/webhook/${'p'.repeat(8 * 1024)}`],
    ['unicode', `/webhook/${encodeURIComponent('échø-🚀')}`],
  ])('%s: 404', async (_, path) => {
    expectError(await call('POST', path, json, '{}'), 404, 'not_found');
    await expectHealthy();
  });

  it.each(['PROPFIND', 'OPTIONS', 'PURGE', 'M-SEARCH'])(
    'method %s on a POST webhook: 405 with Allow',
    async (method) => {
      const res = await call(method, '/webhook/echo');
      expectError(res, 405, 'method_not_allowed');
      expect(res.headers.allow).toBe('POST');
      await expectHealthy();
    },
  );

  it('a query string with 1,500 parameters is passed on', async () => {
    const query = Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&');
    const res = await call('POST', `/webhook/echo?${query}`, json, '{}');
    expect(res.status, res.body.slice(0, 200)).toBe(200);
    expect(Object.keys(res.json.query)).toHaveLength(1500);
    await expectHealthy();
  });

  it('no run was started by a refused call', async () => {
    const runs = (await owner.get(`/api/executions?workflowId=${workflowId}&limit=200`)).json.data as {
      status: string;
    }[];
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  });
});
