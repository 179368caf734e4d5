import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-test-server.ts';
import { HttpRequestError, httpRequest } from './http-client.ts';
import { assertUrlAllowed, guardedLookup, isPrivateAddress, SsrfBlockedError } from './ssrf-guard.ts';

let server: TestServer;
const open = { allowPrivateNetworks: true };

beforeAll(async () => {
  server = await startTestServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/echo')
      return sendJson(res, 200, {
        method: req.method,
        body: req.body.toString(),
        auth: req.headers.authorization ?? null,
      });
    if (path === '/redirect') {
      res.writeHead(302, { location: '/echo' });
      return res.end();
    }
    if (path === '/redirect-303') {
      res.writeHead(303, { location: '/echo' });
      return res.end();
    }
    if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return res.end();
    }
    if (path === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
      return res.end(gzipSync('compressed hello'));
    }
    if (path === '/slow') {
      await new Promise((r) => setTimeout(r, 2000));
      return res.end('late');
    }
    if (path === '/big') return res.end(Buffer.alloc(2048, 97));
    res.statusCode = 404;
    res.end('nope');
  });
});
afterAll(() => server.close());

describe('SSRF guard', () => {
  const table: [string, boolean][] = [
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['64:ff9b::a00:1', true],
    ['2002:7f00:1::', true],
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['2606:4700:4700::1111', false],
    ['not-an-ip', true],
  ];
  it.each(table)('%s private=%s', (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));

  it('rejects private literals, odd encodings and localhost names before connecting', () => {
    for (const raw of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]:80/',
      'http://localhost/',
      'http://a.localhost/',
    ]) {
      expect(() => assertUrlAllowed(new URL(raw), {}), raw).toThrow(SsrfBlockedError);
    }
    expect(() => assertUrlAllowed(new URL('file:///etc/passwd'), {})).toThrow(/Only http and https/);
    expect(() =>
      assertUrlAllowed(new URL('http://127.0.0.1/'), { allowedHosts: ['127.0.0.1'] }),
    ).not.toThrow();
  });

  it('blocks the local test server (127.0.0.1) unless relaxed', async () => {
    await expect(httpRequest({ method: 'GET', url: `${server.url}/echo` })).rejects.toThrow(SsrfBlockedError);
    const ok = await httpRequest({ method: 'GET', url: `${server.url}/echo`, ssrf: open });
    expect(ok.statusCode).toBe(200);
  });

  it('blocks names that resolve to private addresses (DNS checked)', async () => {
    const port = new URL(server.url).port;
    // The machine's host name resolves to 127.0.0.1 (/etc/hosts): only the resolved address gives it away.
    const name = hostname();
    const resolved = await lookup(name).catch(() => undefined);
    if (!resolved || !isPrivateAddress(resolved.address)) return;
    await expect(httpRequest({ method: 'GET', url: `http://${name}:${port}/echo` })).rejects.toThrow(
      SsrfBlockedError,
    );
    const ok = await httpRequest({
      method: 'GET',
      url: `http://${name}:${port}/echo`,
      ssrf: { allowedHosts: [name] },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('the DNS lookup itself refuses private answers', async () => {
    const err = await new Promise<Error | null>((resolve) =>
      guardedLookup({})('localhost', { all: true }, (e) => resolve(e)),
    );
    expect(err).toBeInstanceOf(SsrfBlockedError);
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup({ allowPrivateNetworks: true })('localhost', { all: true }, (_e, a) => resolve(a)),
    );
    expect(allowed).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });

  it('blocks a redirect from an allowed host to a private address', async () => {
    const port = new URL(server.url).port;
    const redirector = await startTestServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/echo` });
      res.end();
    });
    try {
      const host = new URL(redirector.url).host;
      // The redirector itself is allowed by name; the hop to 127.0.0.1 is not.
      await expect(
        httpRequest({
          method: 'GET',
          url: `http://${host}/`,
          ssrf: { allowedHosts: ['127.0.0.1'] },
          followRedirects: true,
        }),
      ).resolves.toBeDefined();
      await expect(
        httpRequest({
          method: 'GET',
          url: redirector.url.replace('127.0.0.1', 'localhost'),
          ssrf: { allowedHosts: ['localhost'] },
        }),
      ).rejects.toThrow(SsrfBlockedError);
    } finally {
      await redirector.close();
    }
  });
});

describe('httpRequest', () => {
  it('sends a body and reads the answer', async () => {
    const res = await httpRequest({ method: 'POST', url: `${server.url}/echo`, body: 'hello', ssrf: open });
    expect(JSON.parse(res.body.toString())).toEqual({ method: 'POST', body: 'hello', auth: null });
  });

  it('follows redirects (303 turns POST into GET) or returns them', async () => {
    const followed = await httpRequest({
      method: 'POST',
      url: `${server.url}/redirect-303`,
      body: 'x',
      ssrf: open,
    });
    expect(JSON.parse(followed.body.toString()).method).toBe('GET');
    expect(followed.url).toBe(`${server.url}/echo`);
    const raw = await httpRequest({
      method: 'GET',
      url: `${server.url}/redirect`,
      followRedirects: false,
      ssrf: open,
    });
    expect(raw.statusCode).toBe(302);
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const other = await startTestServer((req, res) =>
      sendJson(res, 200, { auth: req.headers.authorization ?? null }),
    );
    const hop = await startTestServer((_req, res) => {
      res.writeHead(307, { location: `${other.url.replace('127.0.0.1', 'localhost')}/` });
      res.end();
    });
    try {
      const res = await httpRequest({
        method: 'GET',
        url: hop.url,
        headers: { authorization: 'Bearer secret' },
        ssrf: open,
      });
      expect(JSON.parse(res.body.toString())).toEqual({ auth: null });
      const same = await httpRequest({
        method: 'GET',
        url: `${server.url}/redirect`,
        headers: { authorization: 'Bearer secret' },
        ssrf: open,
      });
      expect(JSON.parse(same.body.toString()).auth).toBe('Bearer secret');
    } finally {
      await hop.close();
      await other.close();
    }
  });

  it('stops redirect loops', async () => {
    await expect(
      httpRequest({ method: 'GET', url: `${server.url}/loop`, maxRedirects: 3, ssrf: open }),
    ).rejects.toThrow(/Too many redirects/);
  });

  it('decodes gzip', async () => {
    const res = await httpRequest({ method: 'GET', url: `${server.url}/gzip`, ssrf: open });
    expect(res.body.toString()).toBe('compressed hello');
  });

  it('times out and aborts promptly', async () => {
    const t0 = Date.now();
    await expect(
      httpRequest({ method: 'GET', url: `${server.url}/slow`, timeoutMs: 100, ssrf: open }),
    ).rejects.toThrow(/timed out/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await httpRequest({
      method: 'GET',
      url: `${server.url}/slow`,
      signal: controller.signal,
      ssrf: open,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpRequestError);
    expect(err.message).toMatch(/aborted/);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('refuses oversized responses and invalid URLs', async () => {
    await expect(
      httpRequest({ method: 'GET', url: `${server.url}/big`, maxResponseBytes: 1000, ssrf: open }),
    ).rejects.toThrow(/larger than 1000 bytes/);
    await expect(httpRequest({ method: 'GET', url: 'not a url' })).rejects.toThrow(/Invalid URL/);
  });

  it('reports connection errors clearly', async () => {
    const closed = await startTestServer((_q, r) => r.end());
    const url = closed.url;
    await closed.close();
    await expect(httpRequest({ method: 'GET', url, ssrf: open })).rejects.toThrow(/ECONNREFUSED/);
  });
});
