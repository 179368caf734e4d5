import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrorsAsJson } from './client-error.ts';
import type { Runtime } from './runtime.ts';

/**
 * Production mode's collab-server process: websockets at /collab/{id} on PORT, plus GET /health for load balancers.
 * Instances share documents through Redis (see collab-server/ARCHITECTURE.md).
 */
export function startCollabServer(runtime: Runtime): Promise<{ url: string; close(): Promise<void> }> {
  const collab = runtime.collab();
  const server = createServer((req, res) => {
    const healthy = req.method === 'GET' && req.url === '/health';
    res.writeHead(healthy ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        healthy
          ? { status: 'ok', ...collab.stats() }
          : { error: { code: 'not_found', message: 'Only /collab/{id} websockets here' } },
      ),
    );
  });
  answerClientErrorsAsJson(server);
  server.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
  const { port, host } = runtime.deps.config;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        url: `ws://${host === '0.0.0.0' ? 'localhost' : host}:${addr.port}/collab`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
