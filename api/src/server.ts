import { createServer as createHttpServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { answerClientErrorsAsJson } from './client-error.ts';
import type { AppDeps } from './deps.ts';
import { webhookAppHeaders, webhookFastPath } from './routes/webhook-fast-path.ts';
import { webhookLimitsFromEnv } from './routes/webhook-http.ts';
import { webhookServer } from './routes/webhook-serve.ts';

export type HttpServer = { server: ServerType; url: string; close(): Promise<void> };
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Serves the app over HTTP (or HTTPS when TLS_CERT/TLS_KEY are configured) and resolves once listening.
 * Port 0 picks a free port; the answer carries the real URL. Published webhook calls with a plain URL skip the
 * Hono adapter (routes/webhook-fast-path.ts: same webhook server, same answers); `webhookFastPath: false` turns
 * that off (tests compare both).
 */
export async function startHttpServer(
  deps: AppDeps,
  opts: { port?: number; host?: string; onUpgrade?: UpgradeHandler; webhookFastPath?: boolean } = {},
): Promise<HttpServer> {
  const serveWebhook = webhookServer(deps, webhookLimitsFromEnv());
  const app = createApp(deps, { serveWebhook });
  const fast =
    opts.webhookFastPath === false
      ? undefined
      : webhookFastPath(deps, serveWebhook, await webhookAppHeaders(app));
  const tls = deps.config.tls;
  const createServer = (options: ServerOptions, listener: RequestListener) => {
    const both: RequestListener = fast ? (req, res) => fast(req, res) || listener(req, res) : listener;
    const server = tls ? createHttpsServer(options, both) : createHttpServer(options, both);
    answerClientErrorsAsJson(server);
    return server;
  };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? deps.config.port,
        hostname: opts.host ?? deps.config.host,
        createServer: createServer as never,
        ...(tls ? { serverOptions: { cert: tls.cert, key: tls.key } } : {}),
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
