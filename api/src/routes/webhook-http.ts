import type { WorkflowNode } from '@tandem/shared/schema';

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
export function capturedHeaders(headers: Headers, secretHeader: string | null): Record<string, string> {
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

/** The Webhook node's `options.responseHeaders` entries. */
export function headerEntries(node: WorkflowNode): Record<string, string> {
  const opts = (node.parameters.options ?? {}) as {
    responseHeaders?: { entries?: { name?: string; value?: string }[] };
  };
  const out: Record<string, string> = {};
  for (const e of opts.responseHeaders?.entries ?? []) if (e.name) out[e.name] = String(e.value ?? '');
  return out;
}

/**
 * A webhook answer. Author-set headers are applied except the forbidden ones; every answer is sandboxed
 * (`Content-Security-Policy: sandbox`, no allow-same-origin) and `nosniff`, because webhooks share the app's
 * origin: an author's HTML must not run scripts with a visitor's session.
 */
export function reply(status: number, headers: Record<string, string>, body: unknown): Response {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (FORBIDDEN_RESPONSE_HEADERS.has(k.toLowerCase())) continue;
    try {
      h.set(k, v);
    } catch {
      // An invalid header name or value from the workflow is dropped, not a 500.
    }
  }
  h.set('content-security-policy', 'sandbox');
  h.set('x-content-type-options', 'nosniff');
  const code = Number.isInteger(status) && status >= 200 && status <= 599 ? status : 200;
  if (body === undefined || body === null || body === '')
    return new Response(null, { status: code, headers: h });
  if (typeof body === 'string') {
    if (!h.has('content-type')) h.set('content-type', 'text/plain; charset=utf-8');
    return new Response(body, { status: code, headers: h });
  }
  if (!h.has('content-type')) h.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status: code, headers: h });
}
