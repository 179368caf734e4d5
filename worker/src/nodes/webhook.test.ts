import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeRespondToWebhook } from './respond-to-webhook.ts';
import { checkWebhookAuth, checkWebhookFilters, executeWebhook, type WebhookRequestData } from './webhook.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

async function webhook(req: Partial<WebhookRequestData>, parameters: Record<string, unknown> = {}) {
  const request = { method: 'POST', headers: {}, ...req };
  const { ctx } = makeNodeContext({ parameters: parameters as never, items: [{ json: request as never }] });
  return (await executeWebhook(ctx))[0] ?? [];
}

describe('Webhook node', () => {
  const cases: [string, Partial<WebhookRequestData>, unknown][] = [
    ['parsed body from the host', { body: { a: 1 }, query: { q: 'x' } }, { a: 1 }],
    [
      'JSON raw body',
      { headers: { 'content-type': 'application/json' }, rawBody: b64('{"v":21}') },
      { v: 21 },
    ],
    [
      'form body',
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: b64('a=1&b=two+words') },
      { a: '1', b: 'two words' },
    ],
    ['text body', { headers: { 'content-type': 'text/plain' }, rawBody: b64('hello') }, 'hello'],
    ['empty body', { headers: { 'content-type': 'application/json' }, rawBody: '' }, {}],
  ];
  it.each(cases)('%s', async (_name, req, body) => {
    const [item] = await webhook({
      query: { q: 'x' },
      params: { id: '5' },
      webhookUrl: 'http://h/webhook/p',
      ...req,
    });
    expect(item.json).toEqual({
      headers: req.headers ?? {},
      params: { id: '5' },
      query: req.query ?? { q: 'x' },
      body,
      webhookUrl: 'http://h/webhook/p',
      executionMode: 'test',
    });
  });

  it('turns a binary upload into binary data', async () => {
    const [item] = await webhook({
      headers: { 'content-type': 'image/png' },
      rawBody: b64(Buffer.from([1, 2, 3])),
    });
    expect(item.json.body).toEqual({});
    expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', data: b64(Buffer.from([1, 2, 3])) });
  });

  it('splits multipart fields and files', async () => {
    const form = new FormData();
    form.append('name', 'ann');
    form.append('file', new Blob(['content'], { type: 'text/plain' }), 'a.txt');
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? '';
    const raw = Buffer.from(await encoded.arrayBuffer());
    const [item] = await webhook(
      { headers: { 'content-type': type }, rawBody: b64(raw) },
      { options: { binaryPropertyName: 'file' } },
    );
    expect(item.json.body).toEqual({ name: 'ann' });
    expect(item.binary?.file0).toMatchObject({
      fileName: 'a.txt',
      mimeType: 'text/plain',
      data: b64('content'),
    });
  });

  it('keeps the raw body as binary with the rawBody option', async () => {
    const [item] = await webhook(
      { headers: { 'content-type': 'application/json' }, rawBody: b64('{"a":1}') },
      { options: { rawBody: true } },
    );
    expect(item.json.body).toEqual({ a: 1 });
    expect(Buffer.from(item.binary?.data.data ?? '', 'base64').toString()).toBe('{"a":1}');
  });

  it('rejects malformed JSON clearly', async () => {
    await expect(
      webhook({ headers: { 'content-type': 'application/json' }, rawBody: b64('{oops') }),
    ).rejects.toThrow(/not valid JSON/);
  });

  it('checks basic and header authentication', () => {
    const basic = { user: 'u', password: 'p' };
    const good = `Basic ${b64('u:p')}`;
    expect(checkWebhookAuth('none', undefined, {})).toEqual({ ok: true });
    expect(checkWebhookAuth('basicAuth', basic, { authorization: good })).toEqual({ ok: true });
    expect(checkWebhookAuth('basicAuth', basic, {})).toMatchObject({ ok: false, status: 401 });
    expect(checkWebhookAuth('basicAuth', basic, { authorization: `Basic ${b64('u:x')}` })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkWebhookAuth('headerAuth', { name: 'X-Token', value: 's' }, { 'x-token': 's' })).toEqual({
      ok: true,
    });
    expect(
      checkWebhookAuth('headerAuth', { name: 'X-Token', value: 's' }, { 'x-token': 'other' }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(checkWebhookAuth('headerAuth', undefined, {})).toMatchObject({ ok: false, status: 500 });
    expect(checkWebhookAuth('jwtAuth', {}, {})).toMatchObject({ ok: false, status: 500 });
  });
});

describe('Webhook request filters', () => {
  const cases: [
    Parameters<typeof checkWebhookFilters>[0],
    Parameters<typeof checkWebhookFilters>[1],
    boolean,
  ][] = [
    [{}, { ip: '1.2.3.4' }, true],
    [{ ipWhitelist: '1.2.3.4, 5.6.7.8' }, { ip: '5.6.7.8' }, true],
    [{ ipWhitelist: '1.2.3.4' }, { ip: '::ffff:1.2.3.4' }, true],
    [{ ipWhitelist: '10.0.0.0/8' }, { ip: '10.200.1.1' }, true],
    [{ ipWhitelist: '10.0.0.0/8' }, { ip: '11.0.0.1' }, false],
    [{ ipWhitelist: 'fd00::/8' }, { ip: 'fd12::1' }, true],
    [{ ipWhitelist: 'garbage/99' }, { ip: '1.1.1.1' }, false],
    [{ ignoreBots: true }, { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' }, false],
    [{ ignoreBots: true }, { userAgent: 'curl/8.0' }, true],
  ];
  it.each(cases)('%j %j → %s', (options, request, ok) => {
    expect(checkWebhookFilters(options, request).ok).toBe(ok);
  });
});

describe('Respond to Webhook node', () => {
  const items = [
    {
      json: { a: 1 },
      binary: { file: { data: b64('PDF'), mimeType: 'application/pdf', fileName: 'x.pdf' } },
    },
    { json: { a: 2 } },
  ];
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['first incoming item', {}, { statusCode: 200, body: { a: 1 } }],
    ['all incoming items', { respondWith: 'allIncomingItems' }, { body: [{ a: 1 }, { a: 2 }] }],
    [
      'all items under a key',
      { respondWith: 'allIncomingItems', options: { responseKey: 'data' } },
      { body: { data: [{ a: 1 }, { a: 2 }] } },
    ],
    [
      'JSON',
      { respondWith: 'json', responseBody: '={{ { "count": $input.all().length } }}' },
      { body: { count: 2 } },
    ],
    [
      'text with status and headers',
      {
        respondWith: 'text',
        responseBody: 'done',
        options: { responseCode: 201, responseHeaders: { entries: [{ name: 'X-A', value: 'b' }] } },
      },
      { statusCode: 201, body: 'done', headers: { 'x-a': 'b', 'content-type': 'text/plain; charset=utf-8' } },
    ],
    [
      'no data',
      { respondWith: 'noData', options: { responseCode: 204 } },
      { statusCode: 204, body: undefined },
    ],
    [
      'redirect',
      { respondWith: 'redirect', redirectURL: 'https://example.com/next' },
      { statusCode: 307, headers: { location: 'https://example.com/next' } },
    ],
    [
      'binary',
      { respondWith: 'binary' },
      {
        binary: { data: b64('PDF'), mimeType: 'application/pdf', fileName: 'x.pdf' },
        headers: { 'content-type': 'application/pdf' },
      },
    ],
  ];
  it.each(cases)('%s', async (_name, parameters, expected) => {
    const { ctx, record } = makeNodeContext({ parameters: parameters as never, items });
    const out = await executeRespondToWebhook(ctx);
    expect(record.webhookResponses).toHaveLength(1);
    expect(record.webhookResponses[0]).toMatchObject(expected);
    expect(jsonOf(out)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('rejects bad settings clearly', async () => {
    for (const [parameters, message] of [
      [{ options: { responseCode: 1000 } }, /Invalid response code/],
      [
        { respondWith: 'binary', responseDataSource: 'set', inputFieldName: 'nope' },
        /No binary data found in field "nope"/,
      ],
      [{ respondWith: 'json', responseBody: '{bad' }, /not valid JSON/],
      [{ respondWith: 'carrier-pigeon' }, /Unsupported/],
    ] as const) {
      const { ctx } = makeNodeContext({ parameters: parameters as never, items });
      await expect(executeRespondToWebhook(ctx)).rejects.toThrow(message);
    }
  });
});
