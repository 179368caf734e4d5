import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { AppDeps } from './deps.ts';

export type HttpServer = { server: ServerType; url: string; close(): Promise<void> };
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Serves the app over HTTP (or HTTPS when TLS_CERT/TLS_KEY are configured) and resolves once listening.
 * Port 0 picks a free port; the answer carries the real URL.
 */
export function startHttpServer(
  deps: AppDeps,
  opts: { port?: number; host?: string; onUpgrade?: UpgradeHandler } = {},
): Promise<HttpServer> {
  const app = createApp(deps);
  const tls = deps.config.tls;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? deps.config.port,
        hostname: opts.host ?? deps.config.host,
        ...(tls ? { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } } : {}),
      },
      (info: AddressInfo) => {
        const host = info.address === '0.0.0.0' || info.address === '::' ? 'localhost' : info.address;
        const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
        deps.internalUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${info.port}`;
        resolve({
          server,
          url,
          close: () =>
            new Promise<void>((res) => {
              server.close(() => res());
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (opts.onUpgrade && req.url?.startsWith('/collab/')) opts.onUpgrade(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
  });
}
