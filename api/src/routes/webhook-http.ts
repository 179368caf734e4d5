import type { WorkflowNode } from '@tandem/shared/schema';
import { type ErrorCode, errorBody } from '../errors.ts';

/**
 * Webhook limits. Defaults protect an instance whose webhook paths are public; raise them with the environment
 * (`WEBHOOK_RATE_PER_PATH`, `WEBHOOK_RATE_PER_IP`, `WEBHOOK_MAX_PENDING_PER_PATH`) for high-volume hooks.
 */
export interface WebhookLimits {
  /** Requests per second and path before 429. */
  ratePerPath: number;
  /** Requests per second and client address, over all paths, before 429. */
  ratePerIp: number;
  /** `lastNode`/`responseNode` calls of one path waiting for their answer at once before 503. */
  maxPendingPerPath: number;
}

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  ratePerPath: 200,
  ratePerIp: 100,
  maxPendingPerPath: 200,
};

const positive = (v: string | undefined, def: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n > 0 ? n : def;
};

/** The limits from the environment; a missing or invalid value keeps the default. */
export function webhookLimitsFromEnv(env: Record<string, string | undefined> = process.env): WebhookLimits {
  return {
    ratePerPath: positive(env.WEBHOOK_RATE_PER_PATH, DEFAULT_WEBHOOK_LIMITS.ratePerPath),
    ratePerIp: positive(env.WEBHOOK_RATE_PER_IP, DEFAULT_WEBHOOK_LIMITS.ratePerIp),
    maxPendingPerPath: positive(env.WEBHOOK_MAX_PENDING_PER_PATH, DEFAULT_WEBHOOK_LIMITS.maxPendingPerPath),
  };
}

/** `/webhook/<rest>` → the decoded path, or undefined when the percent-encoding is malformed. */
export function decodeWebhookPath(rest: string): string | undefined {
  try {
    return decodeURIComponent(rest);
  } catch {
    return undefined;
  }
}

/**
 * The request headers kept in the trigger item. Never the caller's `cookie` (a browser attaches the Tandem
 * session to a top-level navigation), never the header carrying the webhook's own secret, and never an
 * `authorization` that carries a Tandem API key. Other `authorization` values stay: workflows commonly check
 * their own bearer tokens, and a browser never attaches Tandem credentials there.
 */
export function capturedHeaders(
  headers: Iterable<[string, string]>,
  secretHeader: string | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) {
    if (k === 'cookie' || k === secretHeader) continue;
    if (k === 'authorization' && /\btdm_/.test(v)) continue;
    out[k] = v;
  }
  return out;
}

// Headers a workflow author may not set: they would let a webhook answer act on the app origin.
const FORBIDDEN_RESPONSE_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-content-type-options',
  'x-frame-options',
]);

// The message framing is the server's: an author's length would not match the body it sends.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding']);

/** The Webhook node's `options.responseHeaders` entries. */
export function headerEntries(node: WorkflowNode): Record<string, string> {
  const opts = (node.parameters.options ?? {}) as {
    responseHeaders?: { entries?: { name?: string; value?: string }[] };
  };
  const out: Record<string, string> = {};
  for (const e of opts.responseHeaders?.entries ?? []) if (e.name) out[e.name] = String(e.value ?? '');
  return out;
}

/** A webhook answer as plain data: the Hono route turns it into a Response, the fast path writes it directly. */
export interface WebhookAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | null;
}

const VALID_HEADER_NAME = /^[!#$%&'*+\-.^_`|~\dA-Za-z]+$/;
// What Headers.set refuses (NUL, CR, LF, anything not a byte) and what node:http then refuses to write (other
// control characters): either would turn the answer into a failure instead of dropping the header.
const FORBIDDEN_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * A webhook answer. Author-set headers are applied except the forbidden ones (an invalid name or value is dropped,
 * as `Headers.set` would refuse it, not a 500); every answer is sandboxed (`Content-Security-Policy: sandbox`, no
 * allow-same-origin) and `nosniff`, because webhooks share the app's origin: an author's HTML must not run
 * scripts with a visitor's session.
 */
export function webhookAnswer(status: number, headers: Record<string, string>, body: unknown): WebhookAnswer {
  const h: Record<string, string> = {};
  for (const k in headers) {
    const name = k.toLowerCase();
    if (FORBIDDEN_RESPONSE_HEADERS.has(name) || FRAMING_HEADERS.has(name) || !VALID_HEADER_NAME.test(k))
      continue;
    const value = String(headers[k]).replace(HTTP_WHITESPACE, '');
    if (!FORBIDDEN_HEADER_VALUE.test(value)) h[name] = value;
  }
  h['content-security-policy'] = 'sandbox';
  h['x-content-type-options'] = 'nosniff';
  const code = Number.isInteger(status) && status >= 200 && status <= 599 ? status : 200;
  if (body === undefined || body === null || body === '') return { status: code, headers: h, body: null };
  if (typeof body === 'string') {
    h['content-type'] ??= 'text/plain; charset=utf-8';
    return { status: code, headers: h, body };
  }
  h['content-type'] ??= 'application/json; charset=utf-8';
  return { status: code, headers: h, body: JSON.stringify(body) };
}

/** An error answer of the webhook routes: `{ error: { code, message } }`, sandboxed like every webhook answer. */
export function webhookError(
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): WebhookAnswer {
  return {
    status,
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    },
    body: JSON.stringify(errorBody(code, message)),
  };
}

export const toResponse = (a: WebhookAnswer): Response =>
  new Response(a.body, { status: a.status, headers: a.headers });

/** `webhookAnswer` as a Response. */
export function reply(status: number, headers: Record<string, string>, body: unknown): Response {
  return toResponse(webhookAnswer(status, headers, body));
}
