import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type {
  BinaryData,
  Item,
  JsonObject,
  NodeOutput,
  NodeRunContext,
  NodeType,
} from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { webhookDescription } from '@tandem/shared/nodes';

/**
 * What the host (api) hands the Webhook node as its trigger item's json. `rawBody` is base64; when `body` is
 * absent it is parsed from `rawBody` by content type (JSON, form, multipart, text, anything else → binary).
 */
export interface WebhookRequestData {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  body?: unknown;
  rawBody?: string;
  webhookUrl?: string;
}

function header(headers: WebhookRequestData['headers'], name: string): string {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks the Webhook node's authentication (none / basicAuth / headerAuth) against a request. The api calls it
 * before starting an execution, so a refused caller costs nothing.
 *
 * @example checkWebhookAuth('headerAuth', { name: 'x-token', value: 's' }, { 'x-token': 's' }) // { ok: true }
 */
export function checkWebhookAuth(
  authentication: string,
  credential: Record<string, unknown> | undefined,
  headers: WebhookRequestData['headers'],
): { ok: true } | { ok: false; status: 401 | 403 | 500; message: string } {
  if (!authentication || authentication === 'none') return { ok: true };
  if (!credential) return { ok: false, status: 500, message: 'No authentication data defined on node' };
  if (authentication === 'basicAuth') {
    const m = /^Basic\s+(.+)$/i.exec(header(headers, 'authorization'));
    if (!m) return { ok: false, status: 401, message: 'Authorization is required' };
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const user = decoded.slice(0, sep);
    const password = decoded.slice(sep + 1);
    const ok =
      sep >= 0 &&
      equalSecret(user, String(credential.user ?? '')) &&
      equalSecret(password, String(credential.password ?? ''));
    return ok ? { ok: true } : { ok: false, status: 403, message: 'Authorization data is wrong!' };
  }
  if (authentication === 'headerAuth') {
    const name = String(credential.name ?? '').toLowerCase();
    const got = header(headers, name);
    if (!name || !got) return { ok: false, status: 403, message: 'Authorization data is wrong!' };
    return equalSecret(got, String(credential.value ?? ''))
      ? { ok: true }
      : { ok: false, status: 403, message: 'Authorization data is wrong!' };
  }
  return { ok: false, status: 500, message: `Authentication "${authentication}" is not supported` };
}

const BOT_UA =
  /bot|crawler|spider|crawling|slurp|facebookexternalhit|embedly|quora link preview|outbrain|pinterest|vkshare|w3c_validator|whatsapp|telegram|discord|slack|preview/i;

/**
 * The Webhook node's request filters (options `ipWhitelist`, comma-separated IPs or CIDR ranges, and
 * `ignoreBots`), for the api to apply before starting an execution.
 *
 * @example checkWebhookFilters({ ipWhitelist: '10.0.0.0/8' }, { ip: '10.1.2.3' }) // { ok: true }
 */
export function checkWebhookFilters(
  options: { ipWhitelist?: string; ignoreBots?: boolean },
  request: { ip?: string; userAgent?: string },
): { ok: true } | { ok: false; status: 403; message: string } {
  const list = String(options.ipWhitelist ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length > 0 && !list.some((entry) => ipMatches(request.ip ?? '', entry))) {
    return { ok: false, status: 403, message: 'IP is not whitelisted to access the webhook!' };
  }
  if (options.ignoreBots === true && BOT_UA.test(request.userAgent ?? '')) {
    return { ok: false, status: 403, message: 'Request was from a bot' };
  }
  return { ok: true };
}

function ipMatches(ip: string, entry: string): boolean {
  const address = ip.replace(/^::ffff:/, '');
  const [net, bits] = entry.split('/');
  if (bits === undefined) return address === net.replace(/^::ffff:/, '');
  const list = new BlockList();
  try {
    list.addSubnet(net, Number(bits), isIP(net) === 6 ? 'ipv6' : 'ipv4');
    return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}

function binaryFrom(buf: Buffer, mimeType: string, fileName?: string): BinaryData {
  const ext = fileName?.includes('.') ? fileName.split('.').pop() : mimeType.split('/')[1]?.split(';')[0];
  return {
    data: buf.toString('base64'),
    mimeType,
    fileName,
    fileExtension: ext,
    fileSize: `${buf.length} B`,
  };
}

async function parseBody(
  req: WebhookRequestData,
  binaryProperty: string,
): Promise<{ body: unknown; binary?: Record<string, BinaryData> }> {
  if (req.body !== undefined || req.rawBody === undefined) return { body: req.body ?? {} };
  const raw = Buffer.from(req.rawBody, 'base64');
  const type = header(req.headers, 'content-type').toLowerCase();
  if (raw.length === 0) return { body: {} };
  if (type.includes('json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')) };
    } catch {
      throw new NonRetriableError('The webhook request body is not valid JSON');
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const body: JsonObject = {};
    const binary: Record<string, BinaryData> = {};
    let fileIndex = 0;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') body[name] = value;
      else {
        const key = `${binaryProperty}${fileIndex++}`;
        binary[key] = binaryFrom(
          Buffer.from(await value.arrayBuffer()),
          value.type || 'application/octet-stream',
          value.name,
        );
      }
    }
    return { body, binary: fileIndex > 0 ? binary : undefined };
  }
  if (type.startsWith('text/') || type.includes('xml')) return { body: raw.toString('utf8') };
  return { body: {}, binary: { [binaryProperty]: binaryFrom(raw, type || 'application/octet-stream') } };
}

/**
 * Webhook v2: turns the host's request into n8n's item `{ headers, params, query, body, webhookUrl, executionMode }`,
 * with uploads as binary data and, with the `rawBody` option, the raw body as binary too.
 */
export async function executeWebhook(ctx: NodeRunContext): Promise<NodeOutput> {
  const options = (ctx.getNodeParameter('options', 0, {}) ?? {}) as JsonObject;
  const binaryProperty = typeof options.binaryPropertyName === 'string' ? options.binaryPropertyName : 'data';
  const out: Item[] = [];
  for (const input of ctx.inputs[0] ?? []) {
    const req = input.json as unknown as WebhookRequestData;
    if (!req || typeof req.method !== 'string' || typeof req.headers !== 'object' || req.headers === null) {
      // Started without a request (editor "test" run with pinned/empty input): pass the item through.
      out.push({ json: input.json, binary: input.binary });
      continue;
    }
    const parsed = await parseBody(req, binaryProperty);
    let binary = { ...input.binary, ...parsed.binary };
    if (options.rawBody === true && req.rawBody !== undefined) {
      const type = header(req.headers, 'content-type') || 'application/octet-stream';
      binary = { ...binary, [binaryProperty]: binaryFrom(Buffer.from(req.rawBody, 'base64'), type) };
    }
    const item: Item = {
      json: {
        headers: req.headers,
        params: req.params ?? {},
        query: req.query ?? {},
        body: parsed.body as JsonObject,
        webhookUrl: req.webhookUrl ?? '',
        executionMode: ctx.execution.mode === 'manual' ? 'test' : 'production',
      },
    };
    if (Object.keys(binary).length > 0) item.binary = binary;
    out.push(item);
  }
  return [out];
}

export const webhookNode: NodeType = { description: webhookDescription, execute: executeWebhook };
