import { lookup } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/http-test-server.ts';
import { selfSignedCert } from '../test-support/self-signed-cert.ts';
import { closeAgents } from './agents.ts';
import { httpRequest } from './http-client.ts';
import { isPrivateAddress } from './ssrf-guard.ts';

/** A forward proxy: plain HTTP in absolute form, HTTPS through CONNECT; records what it was asked. */
async function startForwardProxy() {
  const seen: Array<{ line: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ line: `${req.method} ${req.url}`, headers: req.headers });
    const target = new URL(req.url ?? '');
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(
        `${req.method} ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: close\r\n\r\n`,
      );
      upstream.pipe(res.socket!);
    });
    upstream.on('error', () => res.destroy());
  });
  server.on('connect', (req, socket, head) => {
    seen.push({ line: `CONNECT ${req.url}`, headers: req.headers });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const open = { allowPrivateNetworks: true };
const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'] as const;
let proxy: Awaited<ReturnType<typeof startForwardProxy>>;
let plain: TestServer;
let tls: Server;
let tlsUrl = '';
let certDir = '';

beforeAll(async () => {
  proxy = await startForwardProxy();
  plain = await startTestServer((req, res) => res.end(`plain ${req.url}`));
  certDir = mkdtempSync(path.join(tmpdir(), 'tandem-proxy-'));
  const { key, cert } = selfSignedCert(certDir);
  tls = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) =>
    res.end(`tls ${req.url}`),
  );
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const name of PROXY_VARS) delete process.env[name];
  closeAgents();
  proxy.seen.length = 0;
});
afterAll(async () => {
  proxy.server.closeAllConnections();
  proxy.server.close();
  tls.closeAllConnections();
  tls.close();
  await plain.close();
  rmSync(certDir, { recursive: true, force: true });
});

const useProxy = (vars: Partial<Record<(typeof PROXY_VARS)[number], string>>) => {
  Object.assign(process.env, vars);
  closeAgents();
};

describe('outgoing requests through HTTP_PROXY / HTTPS_PROXY', () => {
  it('sends plain HTTP to the proxy in absolute form, with the credentials of the proxy URL', async () => {
    useProxy({ HTTP_PROXY: proxy.url.replace('http://', 'http://robot:s%40cret@') });
    const res = await httpRequest({ method: 'GET', url: `${plain.url}/orders?x=1`, ssrf: open });
    expect(res.body.toString()).toBe('plain /orders?x=1');
    expect(proxy.seen.map((s) => s.line)).toEqual([`GET ${plain.url}/orders?x=1`]);
    expect(proxy.seen[0]!.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('robot:s@cret').toString('base64')}`,
    );
  });

  it('tunnels HTTPS through CONNECT and keeps the tunnel alive for the next request', async () => {
    useProxy({ HTTPS_PROXY: proxy.url });
    for (const item of [1, 2]) {
      const res = await httpRequest({
        method: 'GET',
        url: `${tlsUrl}/item/${item}`,
        ssrf: open,
        allowUnauthorizedCerts: true,
      });
      expect(res.body.toString()).toBe(`tls /item/${item}`);
    }
    expect(proxy.seen.map((s) => s.line)).toEqual([`CONNECT ${new URL(tlsUrl).host}`]);
  });

  it('goes direct for hosts in NO_PROXY and for protocols without a proxy', async () => {
    useProxy({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(
      (await httpRequest({ method: 'GET', url: `${plain.url}/direct`, ssrf: open })).body.toString(),
    ).toBe('plain /direct');
    useProxy({ HTTP_PROXY: '', NO_PROXY: '', HTTPS_PROXY: proxy.url });
    expect(
      (await httpRequest({ method: 'GET', url: `${plain.url}/direct`, ssrf: open })).body.toString(),
    ).toBe('plain /direct');
    expect(proxy.seen).toEqual([]);
  });

  it('still refuses names that resolve to private addresses, before the proxy is asked', async () => {
    const name = hostname();
    const addresses = await lookup(name, { all: true });
    expect(
      addresses.some((a) => isPrivateAddress(a.address)),
      `${name} must resolve to a private address here`,
    ).toBe(true);
    useProxy({ HTTP_PROXY: proxy.url });
    const port = new URL(plain.url).port;
    await expect(
      httpRequest({ method: 'GET', url: `http://${name}:${port}/secret`, ssrf: {} }),
    ).rejects.toThrow(/blocked/);
    await expect(
      httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}/secret`, ssrf: {} }),
    ).rejects.toThrow(/blocked/);
    expect(proxy.seen).toEqual([]);
    // The admin setting that allows private networks lets the same request through the proxy.
    const res = await httpRequest({ method: 'GET', url: `http://${name}:${port}/allowed`, ssrf: open });
    expect(res.body.toString()).toBe('plain /allowed');
    expect(proxy.seen.map((s) => s.line)).toEqual([`GET http://${name}:${port}/allowed`]);
  });

  it('answers a clear error when the proxy cannot be reached', async () => {
    useProxy({ HTTP_PROXY: 'http://127.0.0.1:1' });
    await expect(httpRequest({ method: 'GET', url: `${plain.url}/x`, ssrf: open })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
