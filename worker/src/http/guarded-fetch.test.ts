import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-test-server.ts';
import { createGuardedFetch } from './guarded-fetch.ts';
import { SsrfBlockedError } from './ssrf-guard.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(301, { location: '/json' });
      return res.end();
    }
    if (req.url === '/empty') {
      res.statusCode = 204;
      return res.end();
    }
    sendJson(
      res,
      201,
      { method: req.method, body: req.body.toString(), type: req.headers['content-type'] ?? null },
      { 'x-multi': 'a' },
    );
  });
});
afterAll(() => server.close());

describe('createGuardedFetch', () => {
  const open = createGuardedFetch({ ssrf: { allowPrivateNetworks: true } });

  it('behaves like fetch for bodies, headers, status and redirects', async () => {
    const res = await open(`${server.url}/json`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-multi')).toBe('a');
    expect(await res.json()).toEqual({
      method: 'POST',
      body: 'a=1',
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
    });
    const moved = await open(`${server.url}/moved`);
    expect(moved.url).toBe(`${server.url}/json`);
    expect((await moved.json()).method).toBe('GET');
    const manual = await open(`${server.url}/moved`, { redirect: 'manual' });
    expect(manual.status).toBe(301);
    expect((await open(`${server.url}/empty`)).status).toBe(204);
  });

  it('refuses private addresses by default', async () => {
    await expect(createGuardedFetch()(`${server.url}/json`)).rejects.toThrow(SsrfBlockedError);
  });
});
