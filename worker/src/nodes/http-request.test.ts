import type { Item } from '@tandem/shared/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-test-server.ts';
import { makeNodeContext } from '../test-support/node-context.ts';
import { executeHttpRequest } from './http-request.ts';

let server: TestServer;
const relaxed = { http: { ssrf: { allowPrivateNetworks: true } } };

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    switch (url.pathname) {
      case '/echo':
        return sendJson(res, 200, {
          method: req.method,
          query: Object.fromEntries(url.searchParams),
          contentType: req.headers['content-type'] ?? null,
          authorization: req.headers.authorization ?? null,
          xKey: req.headers['x-key'] ?? null,
          body: req.body.toString('utf8'),
        });
      case '/list':
        return sendJson(res, 200, [{ id: 1 }, { id: 2 }]);
      case '/text':
        res.setHeader('content-type', 'text/plain');
        return res.end('plain text');
      case '/file':
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-disposition': 'attachment; filename="pic.png"',
        });
        return res.end(Buffer.from([137, 80, 78, 71]));
      case '/missing':
        return sendJson(res, 404, { error: 'not here' });
      case '/busy':
        return sendJson(res, 429, {}, { 'retry-after': '2' });
      case '/pages': {
        const page = Number(url.searchParams.get('page') ?? '1');
        return sendJson(res, 200, page <= 3 ? [{ page }] : []);
      }
      case '/until404': {
        const page = Number(url.searchParams.get('p') ?? '1');
        return page > 2 ? sendJson(res, 404, { done: true }) : sendJson(res, 200, { page });
      }
      case '/cursor': {
        const n = Number(url.searchParams.get('n') ?? '0');
        return sendJson(res, 200, { data: [n], next: n < 2 ? `/cursor?n=${n + 1}` : null });
      }
      default:
        res.statusCode = 500;
        res.end('unexpected');
    }
  });
});
afterAll(() => server.close());

async function run(parameters: Record<string, unknown>, items: Item[] = [{ json: {} }], extra = {}) {
  const { ctx } = makeNodeContext({
    parameters: parameters as never,
    items,
    services: relaxed,
    credentials: {
      httpHeaderAuth: { name: 'X-Key', value: 'k-123' },
      httpBasicAuth: { user: 'ann', password: 'pw' },
      httpBearerAuth: { token: 'tok' },
      httpQueryAuth: { name: 'api_key', value: 'q1' },
    },
    ...extra,
  });
  const out = await executeHttpRequest(ctx);
  return out[0] ?? [];
}

const echo = () => `${server.url}/echo`;

describe('HTTP Request node: requests', () => {
  const cases: [string, () => Record<string, unknown>, Record<string, unknown>][] = [
    ['GET default', () => ({ url: echo() }), { method: 'GET', body: '' }],
    ...(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((m) => [
      `${m} method`,
      () => ({ url: echo(), method: m }),
      { method: m },
    ]) as [string, () => Record<string, unknown>, Record<string, unknown>][]),
    [
      'query keypairs',
      () => ({
        url: echo(),
        sendQuery: true,
        queryParameters: {
          parameters: [
            { name: 'a', value: '1' },
            { name: 'b', value: 'x y' },
          ],
        },
      }),
      { query: { a: '1', b: 'x y' } },
    ],
    [
      'query JSON',
      () => ({ url: echo(), sendQuery: true, specifyQuery: 'json', jsonQuery: '{"q":"v"}' }),
      { query: { q: 'v' } },
    ],
    [
      'query arrays with indices',
      () => ({
        url: echo(),
        sendQuery: true,
        specifyQuery: 'json',
        jsonQuery: '{"a":[1,2]}',
        options: { queryParameterArrays: 'indices' },
      }),
      { query: { 'a[0]': '1', 'a[1]': '2' } },
    ],
    [
      'query arrays with brackets (default)',
      () => ({ url: echo(), sendQuery: true, specifyQuery: 'json', jsonQuery: '{"a":[1]}' }),
      { query: { 'a[]': '1' } },
    ],
    [
      'headers keypairs',
      () => ({
        url: echo(),
        sendHeaders: true,
        headerParameters: { parameters: [{ name: 'X-Key', value: 'h' }] },
      }),
      { xKey: 'h' },
    ],
    [
      'headers JSON',
      () => ({ url: echo(), sendHeaders: true, specifyHeaders: 'json', jsonHeaders: '{"x-key":"j"}' }),
      { xKey: 'j' },
    ],
    [
      'JSON body keypairs',
      () => ({
        url: echo(),
        method: 'POST',
        sendBody: true,
        bodyParameters: { parameters: [{ name: 'a', value: 'b' }] },
      }),
      { contentType: 'application/json', body: '{"a":"b"}' },
    ],
    [
      'JSON body raw JSON',
      () => ({ url: echo(), method: 'POST', sendBody: true, specifyBody: 'json', jsonBody: '{"n":[1,2]}' }),
      { body: '{"n":[1,2]}' },
    ],
    [
      'form-urlencoded',
      () => ({
        url: echo(),
        method: 'POST',
        sendBody: true,
        contentType: 'form-urlencoded',
        bodyParameters: {
          parameters: [
            { name: 'a', value: '1 2' },
            { name: 'b', value: '&' },
          ],
        },
      }),
      { contentType: 'application/x-www-form-urlencoded', body: 'a=1+2&b=%26' },
    ],
    [
      'raw body',
      () => ({
        url: echo(),
        method: 'POST',
        sendBody: true,
        contentType: 'raw',
        rawContentType: 'text/csv',
        body: 'a,b\n1,2',
      }),
      { contentType: 'text/csv', body: 'a,b\n1,2' },
    ],
    [
      'header auth credential',
      () => ({ url: echo(), authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }),
      { xKey: 'k-123' },
    ],
    [
      'basic auth credential',
      () => ({ url: echo(), authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth' }),
      { authorization: `Basic ${Buffer.from('ann:pw').toString('base64')}` },
    ],
    [
      'bearer credential',
      () => ({ url: echo(), authentication: 'genericCredentialType', genericAuthType: 'httpBearerAuth' }),
      { authorization: 'Bearer tok' },
    ],
    [
      'query auth credential',
      () => ({ url: echo(), authentication: 'genericCredentialType', genericAuthType: 'httpQueryAuth' }),
      { query: { api_key: 'q1' } },
    ],
  ];
  it.each(cases)('%s', async (_name, params, expected) => {
    const out = await run(params());
    expect(out).toHaveLength(1);
    expect(out[0].json).toMatchObject(expected);
  });

  it('uses expressions per item', async () => {
    const out = await run({ url: `=${echo()}?id={{ $json.id }}` }, [
      { json: { id: 7 } },
      { json: { id: 8 } },
    ]);
    expect(out.map((i) => i.json.query)).toEqual([{ id: '7' }, { id: '8' }]);
    expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('sends multipart with a file from binary data', async () => {
    const items: Item[] = [
      {
        json: {},
        binary: {
          doc: {
            data: Buffer.from('file-content').toString('base64'),
            mimeType: 'text/plain',
            fileName: 'a.txt',
          },
        },
      },
    ];
    const out = await run(
      {
        url: echo(),
        method: 'POST',
        sendBody: true,
        contentType: 'multipart-form-data',
        bodyParameters: {
          parameters: [
            { name: 'field', value: 'v' },
            { name: 'upload', parameterType: 'formBinaryData', inputDataFieldName: 'doc' },
          ],
        },
      },
      items,
    );
    const json = out[0].json as { contentType: string; body: string };
    expect(json.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(json.body).toContain('name="field"');
    expect(json.body).toContain('filename="a.txt"');
    expect(json.body).toContain('file-content');
  });

  it('sends binary data as the body', async () => {
    const items: Item[] = [
      {
        json: {},
        binary: { data: { data: Buffer.from('raw-bytes').toString('base64'), mimeType: 'application/pdf' } },
      },
    ];
    const out = await run(
      { url: echo(), method: 'POST', sendBody: true, contentType: 'binaryData', inputDataFieldName: 'data' },
      items,
    );
    expect(out[0].json).toMatchObject({ contentType: 'application/pdf', body: 'raw-bytes' });
  });
});

describe('HTTP Request node: responses', () => {
  it('splits a JSON array into items', async () => {
    expect((await run({ url: `${server.url}/list` })).map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('returns text under the output property', async () => {
    const out = await run({
      url: `${server.url}/text`,
      options: { response: { response: { responseFormat: 'text', outputPropertyName: 'txt' } } },
    });
    expect(out[0].json).toEqual({ txt: 'plain text' });
    const auto = await run({ url: `${server.url}/text` });
    expect(auto[0].json).toEqual({ data: 'plain text' });
  });

  it('returns files as binary data', async () => {
    const out = await run({ url: `${server.url}/file` });
    expect(out[0].binary?.data).toMatchObject({
      mimeType: 'image/png',
      fileName: 'pic.png',
      fileExtension: 'png',
    });
    expect(Buffer.from(out[0].binary?.data.data ?? '', 'base64')).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('returns the full response', async () => {
    const out = await run({
      url: `${server.url}/list`,
      options: { response: { response: { fullResponse: true } } },
    });
    expect(out[0].json).toMatchObject({ statusCode: 200, statusMessage: 'OK', body: [{ id: 1 }, { id: 2 }] });
    expect((out[0].json.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('fails on HTTP errors with the status, or not with neverError', async () => {
    await expect(run({ url: `${server.url}/missing` })).rejects.toMatchObject({
      message: 'The resource you are requesting could not be found',
      httpCode: '404',
      description: expect.stringContaining('not here'),
    });
    const out = await run({
      url: `${server.url}/missing`,
      options: { response: { response: { neverError: true, fullResponse: true } } },
    });
    expect(out[0].json.statusCode).toBe(404);
  });

  it('turns 429 into a retry-after error', async () => {
    await expect(run({ url: `${server.url}/busy` })).rejects.toMatchObject({
      name: 'RetryAfterError',
      retryAfterMs: 2000,
    });
  });

  it('emits error items when continuing on fail', async () => {
    const out = await run(
      { url: `=${server.url}/{{ $json.p }}` },
      [{ json: { p: 'missing' } }, { json: { p: 'list' } }],
      { continueOnFail: true },
    );
    expect(out.map((i) => i.json)).toEqual([
      { error: 'The resource you are requesting could not be found' },
      { id: 1 },
      { id: 2 },
    ]);
  });

  it('blocks 127.0.0.1 when the SSRF guard is not relaxed', async () => {
    const { ctx } = makeNodeContext({ parameters: { url: echo() } });
    const before = server.requests.length;
    await expect(executeHttpRequest(ctx)).rejects.toMatchObject({
      name: 'NonRetriableError',
      message: expect.stringMatching(/blocked/),
    });
    expect(server.requests.length).toBe(before);
  });

  it('rejects a missing credential and an empty URL clearly', async () => {
    const { ctx } = makeNodeContext({
      parameters: { url: echo(), authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' },
      services: relaxed,
    });
    await expect(executeHttpRequest(ctx)).rejects.toThrow(/no credential of type httpHeaderAuth/);
    await expect(run({ url: '' })).rejects.toThrow(/URL parameter is empty/);
    await expect(
      run({ url: echo(), sendBody: true, method: 'POST', specifyBody: 'json', jsonBody: '{bad' }),
    ).rejects.toThrow(/not valid JSON/);
  });

  it('is aborted by the signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(run({ url: echo() }, [{ json: {} }], { signal: controller.signal })).rejects.toThrow(
      /aborted/,
    );
  });
});

describe('HTTP Request node: pagination', () => {
  it('updates a parameter per page until the response is empty', async () => {
    const out = await run({
      url: `${server.url}/pages`,
      options: {
        pagination: {
          pagination: {
            paginationMode: 'updateAParameterInEachRequest',
            parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
            paginationCompleteWhen: 'responseIsEmpty',
          },
        },
      },
    });
    expect(out.map((i) => i.json)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
  });

  it('follows a next URL from the response until an expression says done', async () => {
    const out = await run({
      url: `${server.url}/cursor`,
      options: {
        pagination: {
          pagination: {
            paginationMode: 'responseContainsNextURL',
            nextURL: '={{ $response.body.next }}',
            paginationCompleteWhen: 'other',
            completeExpression: '={{ $response.body.next === null }}',
          },
        },
      },
    });
    expect(out.map((i) => i.json.data)).toEqual([[0], [1], [2]]);
  });

  it('stops on a given status code without failing on it', async () => {
    const out = await run({
      url: `${server.url}/until404`,
      options: {
        pagination: {
          pagination: {
            paginationMode: 'updateAParameterInEachRequest',
            parameters: { parameters: [{ type: 'qs', name: 'p', value: '={{ $pageCount + 1 }}' }] },
            paginationCompleteWhen: 'receiveSpecificStatusCodes',
            statusCodesWhenComplete: '404, 410',
          },
        },
      },
    });
    expect(out.map((i) => i.json)).toEqual([{ page: 1 }, { page: 2 }]);
  });

  it('stops at the page limit', async () => {
    const out = await run({
      url: `${server.url}/pages`,
      options: {
        pagination: {
          pagination: {
            paginationMode: 'updateAParameterInEachRequest',
            parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
            limitPagesFetched: true,
            maxRequests: 2,
          },
        },
      },
    });
    expect(out).toHaveLength(2);
  });
});
