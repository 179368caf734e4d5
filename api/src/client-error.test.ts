import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrorsAsJson } from './client-error.ts';
import { startTestApi, type TestApi } from './test-support/harness.ts';
import { type RawAnswer, rawRequest, rawSocketRequest } from './test-support/raw-request.ts';

const KB = 1024;

function expectJsonError(res: RawAnswer, status: number, code: string) {
  expect(res.status, res.body.slice(0, 200)).toBe(status);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.headers.connection).toBe('close');
  const body = JSON.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
}

const get = (path: string, headers = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${headers}\r\n`;

describe('requests Node refuses before the app get the JSON error shape', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api?.close());

  it.each([
    ['a 20 KB path', get(`/api/health?${'a'.repeat(20 * KB)}`), 431, 'headers_too_large'],
    ['a 20 KB header', get('/api/health', `Cookie: c=${'a'.repeat(20 * KB)}\r\n`), 431, 'headers_too_large'],
    ['a garbage request line', 'NOT AN HTTP REQUEST\r\n\r\n', 400, 'bad_request'],
    ['an unknown method token', 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
    ['a header ended by a bare LF', get('/api/health', 'X-A: 1\nX-B: 2\r\n'), 400, 'bad_request'],
    ['a header name with invalid characters', get('/api/health', 'X(A): 1\r\n'), 400, 'bad_request'],
    ['a header value with a control character', get('/api/health', 'X-A: a\x01b\r\n'), 400, 'bad_request'],
    [
      'conflicting Content-Length headers',
      'POST /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      400,
      'bad_request',
    ],
    [
      'Transfer-Encoding with Content-Length',
      'POST /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
      400,
      'bad_request',
    ],
  ])('%s', async (_name, request, status, code) => {
    expectJsonError(await rawSocketRequest(api.url, request), status, code);
    expect((await rawRequest(api.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('still answers a websocket upgrade outside /collab as before', async () => {
    const res = await rawSocketRequest(
      api.url,
      get('/elsewhere', 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n'),
    );
    expect(res.status).toBe(404);
  });
});

describe('answerClientErrorsAsJson', () => {
  it('answers a header timeout with 408', async () => {
    const server = createServer({
      headersTimeout: 100,
      requestTimeout: 200,
      connectionsCheckingInterval: 50,
    });
    answerClientErrorsAsJson(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expectJsonError(await rawSocketRequest(url, 'GET / HTTP/1.1\r\nHost: x\r\n'), 408, 'request_timeout');
    } finally {
      server.close();
    }
  });
});
