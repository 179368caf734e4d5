import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor } from './agents.ts';
import { httpRequest } from './http-client.ts';

const open = { allowPrivateNetworks: true };
let server: Server;
let base = '';
let connections = 0;
const perSocket = new WeakMap<Socket, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const count = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, count);
    // A server that dropped an idle connection just as the client reused it: the request is never answered.
    if (req.url === '/drops-reused' && count > 1) return req.socket.destroy();
    req.resume();
    req.on('end', () => res.end(`request ${count} on this connection`));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('outgoing connections are kept alive', () => {
  it('sequential requests to one host share one connection', async () => {
    const before = connections;
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await httpRequest({ method: 'GET', url: `${base}/x`, ssrf: open });
      bodies.push(res.body.toString());
    }
    expect(connections - before).toBe(1);
    expect(bodies.at(-1)).toMatch(/^request \d+ on this connection$/);
    expect(Number(bodies.at(-1)?.split(' ')[1])).toBeGreaterThanOrEqual(5);
  });

  it('an idempotent request on a connection the server dropped is sent again on a new one', async () => {
    await httpRequest({ method: 'GET', url: `${base}/warm`, ssrf: open });
    const before = connections;
    const res = await httpRequest({ method: 'GET', url: `${base}/drops-reused`, ssrf: open });
    expect(res.body.toString()).toBe('request 1 on this connection');
    expect(connections - before).toBe(1);
  });

  it('a POST on a dropped connection is not sent twice: it fails clearly', async () => {
    await httpRequest({ method: 'GET', url: `${base}/warm`, ssrf: open });
    await expect(
      httpRequest({ method: 'POST', url: `${base}/drops-reused`, body: 'x', ssrf: open }),
    ).rejects.toMatchObject({ name: 'HttpRequestError', code: 'ECONNRESET' });
  });

  it('requests under different SSRF policies never share a pool', () => {
    const strict = agentFor('http:', {});
    expect(agentFor('http:', { allowPrivateNetworks: false })).toBe(strict);
    expect(agentFor('http:', open)).not.toBe(strict);
    expect(agentFor('http:', { allowedHosts: ['a', 'b'] })).toBe(
      agentFor('http:', { allowedHosts: ['b', 'a'] }),
    );
    expect(agentFor('http:', { allowedHosts: ['a'] })).not.toBe(strict);
    expect(agentFor('https:', {})).not.toBe(strict);
  });
});
