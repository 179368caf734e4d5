import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningTestApi, type TestApi, TestClient } from './test-support/harness.ts';

let api: TestApi;
let c: TestClient;

/** A raw GET (node:http does not decode bodies): status, headers and the first bytes or all of them. */
function get(path: string, headers: Record<string, string>, firstChunkOnly = false) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${api.url}${path}`, { headers: { cookie: c.cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('data', (chunk) => {
        chunks.push(chunk);
        if (firstChunkOnly) {
          done();
          req.destroy();
        }
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  api = await startRunningTestApi('sqlite');
  c = new TestClient(api.url);
  await c.register('gzip@example.com');
});
afterAll(() => api?.close());

describe('API answer compression', () => {
  it('gzips a large JSON answer for a caller that accepts it, and sends it plain otherwise', async () => {
    const zipped = await get('/api/nodes', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = await get('/api/nodes', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('gzips a document state, leaves small answers and errors plain', async () => {
    const nodes = Array.from({ length: 30 }, (_, i) => ({
      id: `n${i}`,
      name: `Step ${i}`,
      type: 'noOp',
      typeVersion: 1,
      position: [i * 240, 0],
      parameters: {},
    }));
    const created = await c.post('/api/workflows', { name: 'zipped', nodes, connections: {} });
    expect(created.status).toBe(201);
    const zipped = await get(`/api/workflows/${created.json.id}/doc`, { 'accept-encoding': 'gzip' });
    const plain = await get(`/api/workflows/${created.json.id}/doc`, {});
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const me = await get('/api/users/me', { 'accept-encoding': 'gzip' });
    expect(me.headers['content-encoding']).toBeUndefined();
    const missing = await get('/api/workflows/nope', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error.code).toBe('not_found');
  });

  it('never compresses the live event stream (each event must leave at once)', async () => {
    const created = await c.post('/api/workflows', { name: 'events', nodes: [], connections: {} });
    const events = await get(`/api/workflows/${created.json.id}/events`, { 'accept-encoding': 'gzip' }, true);
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.headers['content-encoding']).toBeUndefined();
  });
});
