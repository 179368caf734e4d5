import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { errorAnswer } from '../error-answer.ts';
import type { WebhookAnswer } from './webhook-http.ts';
import type { RequestHeaderList, WebhookServer } from './webhook-serve.ts';
import { WEBHOOK_MAX_BODY_BYTES } from './webhooks.ts';

// What @hono/node-server takes as is (url.ts): a plain path and host, so the request URL is `scheme://host` + url.
const PLAIN_URL = /^\/webhook\/[!$&-;=?-[\]_a-z~]+$/i;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const FAST_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether the fast path answers this request exactly as the Hono app would: a published webhook's plain URL
 * (no percent-encoding, no dot segment, no fragment: the path Hono sees is the URL's), a plain Host header, a
 * method Hono does not rewrite (HEAD is), and a body the size limit can judge from Content-Length alone
 * (no Transfer-Encoding, at most the limit). Everything else takes the Hono route.
 */
export function takesFastPath(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  if (!url.startsWith('/webhook/') || url.length === 9) return false;
  if (!FAST_METHODS.has(req.method ?? '')) return false;
  if (!PLAIN_URL.test(url) || url.includes('%') || url.includes('#') || DOT_SEGMENT.test(url)) return false;
  const host = req.headers.host;
  if (host === undefined || !PLAIN_HOST.test(host)) return false;
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  return length === undefined || Number.parseInt(length, 10) <= WEBHOOK_MAX_BODY_BYTES;
}

const trimmed = (v: string) => v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

/** The request headers as a fetch `Headers` holds them (lower-case, sorted, repeats joined), without one. */
export class IncomingHeaderList implements RequestHeaderList {
  readonly #values = new Map<string, string>();
  readonly #cookies: string[] = [];
  constructor(raw: string[]) {
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      const value = trimmed(raw[i + 1]);
      if (name === 'set-cookie') this.#cookies.push(value);
      const had = this.#values.get(name);
      this.#values.set(name, had === undefined ? value : `${had}, ${value}`);
    }
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      if (name === 'set-cookie') for (const c of this.#cookies) yield [name, c];
      else yield [name, this.#values.get(name)!];
    }
  }
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      // TextDecoder drops a leading BOM and replaces bad sequences, as Request.text() does.
      resolve(new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))),
    );
    req.on('error', reject);
    // A caller gone before the end of its body: the call must still settle (it may hold a waiting-answer slot).
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/**
 * `/webhook/*` on node:http directly, without Hono's Request/Response adapters and middleware chain: the same
 * webhook server (webhook-serve.ts), the same error answers, and the headers the app stack adds to every webhook
 * answer (`appHeaders`, read from the app at start). Returns false for a request it leaves to the app.
 */
export function webhookFastPath(deps: AppDeps, serve: WebhookServer, appHeaders: Record<string, string>) {
  const write = (res: ServerResponse, a: WebhookAnswer) => {
    const headers: Record<string, string | number> = { ...a.headers, ...appHeaders };
    if (a.body !== null) headers['content-length'] = Buffer.byteLength(a.body);
    res.writeHead(a.status, headers);
    res.end(a.body ?? undefined);
  };
  const fail = (res: ServerResponse, req: IncomingMessage, err: unknown) => {
    const e = errorAnswer(err, deps.logger, { path: req.url!.split('?')[0], method: req.method! });
    if (res.headersSent) return void res.destroy();
    write(res, {
      status: e.status,
      headers: { ...e.headers, 'content-type': 'application/json' },
      body: JSON.stringify(e.body),
    });
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!takesFastPath(req)) return false;
    const url = req.url!;
    const query = url.indexOf('?');
    const headers = new IncomingHeaderList(req.rawHeaders);
    const forwarded = deps.config.trustProxy ? headers.get('x-forwarded-for')?.split(',')[0]?.trim() : '';
    const method = req.method!;
    serve({
      kind: 'webhook',
      method,
      raw: url.slice(9, query === -1 ? undefined : query),
      url: `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host}${url}`,
      headers,
      ip: forwarded || (req.socket.remoteAddress ?? 'unknown'),
      // Hono gives a GET no body.
      text: () => (method === 'GET' ? Promise.resolve('') : readText(req)),
    }).then(
      (a) => {
        try {
          write(res, a);
        } catch (err) {
          fail(res, req, err);
        }
      },
      (err) => fail(res, req, err),
    );
    return true;
  };
}

/**
 * The headers the app adds to every webhook answer (the security headers of app.ts and the webhook routes'
 * hygiene), read from the app's own answer to a webhook path that cannot exist.
 */
export async function webhookAppHeaders(app: { request(path: string): Response | Promise<Response> }) {
  const res = await app.request('/webhook/%ZZ');
  const out: Record<string, string> = {};
  for (const [k, v] of res.headers) if (k !== 'content-type' && k !== 'content-length') out[k] = v;
  return out;
}
