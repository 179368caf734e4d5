import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './deps.ts';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/**
 * Serves the built client; other paths outside the API and `/assets/` get index.html so client-side routes load. The files under
 * `/assets/` have content hashes in their names: cached for a year, and sent as the build's `.br`/`.gz` copies
 * (client/compress-assets.ts) when the browser accepts them. Pages are revalidated on every load.
 */
export function serveClient(app: OpenAPIHono<AppEnv>, dist = DIST) {
  const root = path.relative(process.cwd(), dist) || '.';
  const assets = serveStatic({
    root,
    precompressed: true,
    onFound: (_path, c) => {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('Vary', 'Accept-Encoding');
    },
  });
  app.use('/assets/*', assets);
  app.get('*', async (c, next) => {
    if (
      c.req.path.startsWith('/api/') ||
      c.req.path.startsWith('/assets/') ||
      c.req.path.startsWith('/webhook') ||
      c.req.path.startsWith('/collab/')
    )
      return next();
    if (!existsSync(path.join(dist, 'index.html'))) return next();
    const file = path.join(dist, c.req.path);
    const inside = file.startsWith(dist + path.sep) && existsSync(file) && !c.req.path.endsWith('/');
    c.header('Cache-Control', 'no-cache');
    return serveStatic({
      root,
      path: inside ? path.relative(dist, file) : 'index.html',
      rewriteRequestPath: () => (inside ? c.req.path : '/index.html'),
    })(c, next);
  });
}
