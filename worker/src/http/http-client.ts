import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import { agentFor, usesProxy } from './agents.ts';
import {
  assertHostResolvesAllowed,
  assertUrlAllowed,
  bareHost,
  guardedLookup,
  type SsrfPolicy,
} from './ssrf-guard.ts';

export interface HttpRequestOptions {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Whole request deadline in ms (default 300,000). */
  timeoutMs?: number;
  followRedirects?: boolean;
  /** Default 21 (n8n's). */
  maxRedirects?: number;
  signal?: AbortSignal;
  ssrf?: SsrfPolicy;
  /** Refuse larger responses (default 64 MB). */
  maxResponseBytes?: number;
  /** Accept self-signed certificates (n8n's allowUnauthorizedCerts). */
  allowUnauthorizedCerts?: boolean;
}

export interface HttpResponse {
  statusCode: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** URL of the last hop after redirects. */
  url: string;
}

export class HttpRequestError extends Error {
  override name = 'HttpRequestError';
  code?: string;
  constructor(message: string, code?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Methods that may be sent again when a pooled connection turns out to be closed by the server. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * Sends one HTTP(S) request with the SSRF guard applied to the URL, every DNS answer and every redirect hop,
 * through the HTTP_PROXY / HTTPS_PROXY proxy when one is set (see agents.ts).
 * Aborts on `signal`; rejects with SsrfBlockedError or HttpRequestError, never hangs past `timeoutMs`.
 *
 * @example
 * const res = await httpRequest({ method: 'GET', url: 'https://example.com/', ssrf: {} });
 * res.statusCode; res.body.toString();
 */
export async function httpRequest(opts: HttpRequestOptions): Promise<HttpResponse> {
  const policy = opts.ssrf ?? {};
  const maxRedirects = opts.maxRedirects ?? 21;
  const deadline = AbortSignal.timeout(opts.timeoutMs ?? 300_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  let url = parseUrl(opts.url);
  let method = opts.method.toUpperCase();
  let body = opts.body;
  let headers = { ...opts.headers };
  for (let hop = 0; ; hop++) {
    assertUrlAllowed(url, policy);
    if (usesProxy(url.protocol)) await assertHostResolvesAllowed(bareHost(url), policy);
    const res = await sendWithRetry(url, method, headers, body, signal, policy, opts);
    const location = res.headers.location;
    if (opts.followRedirects === false || !REDIRECTS.has(res.statusCode) || !location) return res;
    if (hop >= maxRedirects)
      throw new HttpRequestError(`Too many redirects (more than ${maxRedirects})`, 'EMAXREDIRECTS');
    const next = parseUrl(new URL(location, url).toString());
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers = dropHeaders(headers, ['content-type', 'content-length']);
    }
    // Credentials set for one origin must not follow a redirect to another.
    if (next.origin !== url.origin) headers = dropHeaders(headers, ['authorization', 'cookie']);
    url = next;
  }
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new HttpRequestError(`Invalid URL: ${raw.slice(0, 200)}`, 'EINVALIDURL');
  }
}

function dropHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!names.includes(k.toLowerCase())) out[k] = v;
  return out;
}

/**
 * A kept-alive connection can be closed by the server just as a request is written on it; an idempotent request
 * is then sent once more on a fresh connection (the server cannot have acted on a request it never read).
 */
async function sendWithRetry(...args: Parameters<typeof sendOnce>): Promise<HttpResponse> {
  try {
    return await sendOnce(...args);
  } catch (err) {
    const stale = (err as StaleSocketError).staleSocket === true;
    if (!stale || !IDEMPOTENT.has(args[1]) || args[4].aborted) throw err;
    return sendOnce(...args);
  }
}

type StaleSocketError = Error & { staleSocket?: boolean };

function sendOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
  signal: AbortSignal,
  policy: SsrfPolicy,
  opts: HttpRequestOptions,
): Promise<HttpResponse> {
  const maxBytes = opts.maxResponseBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const lib = url.protocol === 'https:' ? https : http;
    const host = bareHost(url);
    const req = lib.request(url, {
      method,
      headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
      // IP literals never reach `lookup`; assertUrlAllowed checked them.
      lookup: isIP(host) ? undefined : (guardedLookup(policy) as never),
      signal,
      rejectUnauthorized: !opts.allowUnauthorizedCerts,
      agent: agentFor(url.protocol, policy),
    });
    req.on('error', (err) => {
      if (signal.aborted) return reject(abortError(signal));
      const wrapped: StaleSocketError = wrap(err);
      const code = (err as NodeJS.ErrnoException).code;
      if (req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) wrapped.staleSocket = true;
      reject(wrapped);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          reject(new HttpRequestError(`The response is larger than ${maxBytes} bytes`, 'ETOOLARGE'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => reject(signal.aborted ? abortError(signal) : wrap(err)));
      res.on('end', () => {
        if (size > maxBytes) return;
        try {
          resolve({
            statusCode: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            body: decode(Buffer.concat(chunks), res.headers['content-encoding']),
            url: url.toString(),
          });
        } catch (err) {
          reject(new HttpRequestError(`Could not decode the response: ${(err as Error).message}`, 'EDECODE'));
        }
      });
    });
    if (body !== undefined && method !== 'GET' && method !== 'HEAD') req.end(body);
    else req.end();
  });
}

function decode(buf: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(buf);
    case 'deflate':
      return zlib.inflateSync(buf);
    case 'br':
      return zlib.brotliDecompressSync(buf);
    default:
      return buf;
  }
}

function abortError(signal: AbortSignal): HttpRequestError {
  const reason = signal.reason as Error | undefined;
  if (reason?.name === 'TimeoutError')
    return new HttpRequestError('The request timed out', 'ETIMEDOUT', reason);
  return new HttpRequestError('The request was aborted', 'ABORT_ERR', reason);
}

function wrap(err: Error): Error {
  if (err.name === 'SsrfBlockedError' || err instanceof HttpRequestError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  return new HttpRequestError(`${err.message}`, code, err);
}
