import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../app.ts';
import { startTestApi, type TestApi, TestClient } from '../test-support/harness.ts';

describe('bad input and the error shape', () => {
  let api: TestApi;
  let c: TestClient;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    c = new TestClient(api.url);
    await c.register('err@example.com');
  });
  afterAll(() => api?.close());

  const isError = (json: any, code: string) => {
    expect(json.error.code).toBe(code);
    expect(typeof json.error.message).toBe('string');
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/);
  };

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await c.request('POST', '/api/workflows', '{"name": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    isError(res.json, 'invalid_json');
  });

  it('answers wrong types with 400 and the path of each problem', async () => {
    const res = await c.post('/api/workflows', { name: 42, nodes: 'no' });
    expect(res.status).toBe(400);
    isError(res.json, 'validation_failed');
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['name', 'nodes']),
    );
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await c.request('POST', '/api/workflows', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    isError(res.json, 'unsupported_media_type');
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const res = await c.request('POST', '/api/workflows', big);
    expect(res.status).toBe(413);
    isError(res.json, 'payload_too_large');
    expect((await c.get('/api/health')).status).toBe(200);
  });

  it('answers unknown routes with JSON 404 and auth-less calls with 401', async () => {
    const res = await c.get('/api/nope');
    expect(res.status).toBe(404);
    isError(res.json, 'not_found');
    const anon = await new TestClient(api.url).get('/api/workflows');
    expect(anon.status).toBe(401);
    isError(anon.json, 'unauthenticated');
  });

  it('publishes an OpenAPI 3.1 document covering every route', async () => {
    const res = await c.get('/api/openapi.json');
    expect(res.json.openapi).toBe('3.1.0');
    const paths = Object.keys(res.json.paths);
    for (const p of [
      '/health',
      '/auth/register',
      '/auth/login',
      '/auth/logout',
      '/users/me',
      '/api-keys',
      '/api-keys/{id}',
      '/credentials',
      '/credentials/{id}',
      '/workflows',
      '/workflows/{id}',
      '/workflows/{id}/members',
      '/workflows/import',
      '/workflows/{id}/export',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('sets security headers', async () => {
    const res = await c.get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
