import type { Item, NodeRunContext } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';

/** One outgoing request as built from the HTTP Request v4 parameters for one item. */
export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | string;
}

interface KeyValue {
  name?: unknown;
  value?: unknown;
  parameterType?: unknown;
  inputDataFieldName?: unknown;
}

function pairs(ctx: NodeRunContext, path: string, i: number): KeyValue[] {
  const v = ctx.getNodeParameter(path, i, []);
  return Array.isArray(v) ? (v as KeyValue[]).filter((p) => p && typeof p === 'object') : [];
}

/** A JSON parameter may arrive as text (typed in) or already as an object (from an expression). */
export function jsonParameter(value: unknown, what: string, itemIndex: number): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return {};
  try {
    return JSON.parse(value);
  } catch {
    throw new NonRetriableError(`${what} is not valid JSON`, { itemIndex });
  }
}

function binaryOf(item: Item | undefined, field: string, itemIndex: number) {
  const bin = item?.binary?.[field];
  if (!bin) throw new NonRetriableError(`The item has no binary field "${field}"`, { itemIndex });
  return { buffer: Buffer.from(bin.data, 'base64'), mimeType: bin.mimeType, fileName: bin.fileName };
}

/**
 * Builds the request for item `i`: URL with query, headers, body (JSON, form-urlencoded, multipart, raw,
 * binary), then authentication from the node's credential.
 */
export async function buildRequest(ctx: NodeRunContext, i: number): Promise<BuiltRequest> {
  const method = String(ctx.getNodeParameter('method', i, 'GET')).toUpperCase();
  const rawUrl = String(ctx.getNodeParameter('url', i, '') ?? '').trim();
  if (!rawUrl) throw new NonRetriableError('The URL parameter is empty', { itemIndex: i });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl) ? rawUrl : `http://${rawUrl}`);
  } catch {
    throw new NonRetriableError(`Invalid URL: ${rawUrl.slice(0, 200)}`, { itemIndex: i });
  }
  const headers: Record<string, string> = {};
  const item = ctx.inputs[0]?.[i];

  if (ctx.getNodeParameter('sendQuery', i, false)) {
    if (ctx.getNodeParameter('specifyQuery', i, 'keypair') === 'json') {
      const q = jsonParameter(ctx.getNodeParameter('jsonQuery', i, '{}'), 'Query parameters JSON', i);
      const arrays = String(ctx.getNodeParameter('options.queryParameterArrays', i, 'brackets'));
      for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>))
        appendQuery(url, k, v, arrays);
    } else {
      for (const p of pairs(ctx, 'queryParameters.parameters', i))
        appendQuery(url, String(p.name ?? ''), p.value);
    }
  }

  if (ctx.getNodeParameter('sendHeaders', i, false)) {
    if (ctx.getNodeParameter('specifyHeaders', i, 'keypair') === 'json') {
      const h = jsonParameter(ctx.getNodeParameter('jsonHeaders', i, '{}'), 'Headers JSON', i);
      for (const [k, v] of Object.entries((h ?? {}) as Record<string, unknown>))
        headers[k.toLowerCase()] = String(v);
    } else {
      for (const p of pairs(ctx, 'headerParameters.parameters', i)) {
        if (p.name) headers[String(p.name).toLowerCase()] = String(p.value ?? '');
      }
    }
  }

  let body: Buffer | string | undefined;
  if (ctx.getNodeParameter('sendBody', i, false)) {
    const contentType = String(ctx.getNodeParameter('contentType', i, 'json'));
    const specify = String(ctx.getNodeParameter('specifyBody', i, 'keypair'));
    if (contentType === 'json') {
      const value =
        specify === 'json'
          ? jsonParameter(ctx.getNodeParameter('jsonBody', i, '{}'), 'JSON body', i)
          : Object.fromEntries(
              pairs(ctx, 'bodyParameters.parameters', i).map((p) => [String(p.name ?? ''), p.value]),
            );
      body = JSON.stringify(value);
      headers['content-type'] ??= 'application/json';
    } else if (contentType === 'form-urlencoded') {
      if (specify === 'string') body = String(ctx.getNodeParameter('body', i, ''));
      else {
        const form = new URLSearchParams();
        const entries =
          specify === 'json'
            ? Object.entries(
                jsonParameter(ctx.getNodeParameter('jsonBody', i, '{}'), 'Form JSON', i) as object,
              )
            : pairs(ctx, 'bodyParameters.parameters', i).map((p) => [String(p.name ?? ''), p.value] as const);
        for (const [k, v] of entries) form.append(k, stringValue(v));
        body = form.toString();
      }
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (contentType === 'multipart-form-data') {
      const form = new FormData();
      for (const p of pairs(ctx, 'bodyParameters.parameters', i)) {
        const name = String(p.name ?? '');
        if (p.parameterType === 'formBinaryData') {
          const bin = binaryOf(item, String(p.inputDataFieldName || 'data'), i);
          form.append(name, new Blob([bin.buffer], { type: bin.mimeType }), bin.fileName ?? name);
        } else form.append(name, stringValue(p.value));
      }
      // Response serializes FormData with a proper boundary, without a multipart library.
      const encoded = new Response(form);
      headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
      body = Buffer.from(await encoded.arrayBuffer());
    } else if (contentType === 'raw') {
      body = String(ctx.getNodeParameter('body', i, ''));
      headers['content-type'] ??= String(ctx.getNodeParameter('rawContentType', i, '') || 'text/plain');
    } else if (contentType === 'binaryData') {
      const bin = binaryOf(item, String(ctx.getNodeParameter('inputDataFieldName', i, '') || 'data'), i);
      body = bin.buffer;
      headers['content-type'] ??= bin.mimeType || 'application/octet-stream';
    } else {
      throw new NonRetriableError(`Unknown body content type "${contentType}"`, { itemIndex: i });
    }
  }

  await applyAuthentication(ctx, i, url, headers);
  return { method, url, headers, body };
}

function stringValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Arrays in the query as n8n's `queryParameterArrays`: `a[]=1` (brackets), `a[0]=1` (indices), `a=1` (repeat). */
function appendQuery(url: URL, name: string, value: unknown, arrays = 'brackets'): void {
  if (!name) return;
  if (!Array.isArray(value)) {
    url.searchParams.append(name, stringValue(value));
    return;
  }
  value.forEach((v, k) => {
    const key = arrays === 'repeat' ? name : arrays === 'indices' ? `${name}[${k}]` : `${name}[]`;
    url.searchParams.append(key, stringValue(v));
  });
}

async function applyAuthentication(
  ctx: NodeRunContext,
  i: number,
  url: URL,
  headers: Record<string, string>,
): Promise<void> {
  const mode = ctx.getNodeParameter('authentication', i, 'none');
  if (mode === 'none') return;
  const type = String(
    mode === 'genericCredentialType'
      ? ctx.getNodeParameter('genericAuthType', i, '')
      : ctx.getNodeParameter('nodeCredentialType', i, ''),
  );
  const cred = await ctx.getCredentials(type);
  switch (type) {
    case 'httpBasicAuth':
      headers.authorization = `Basic ${Buffer.from(`${cred.user ?? ''}:${cred.password ?? ''}`).toString('base64')}`;
      return;
    case 'httpHeaderAuth':
      if (!cred.name)
        throw new NonRetriableError('The header credential has no header name', { itemIndex: i });
      headers[String(cred.name).toLowerCase()] = String(cred.value ?? '');
      return;
    case 'httpBearerAuth':
      headers.authorization = `Bearer ${String(cred.token ?? '')}`;
      return;
    case 'httpQueryAuth':
      url.searchParams.set(String(cred.name ?? ''), String(cred.value ?? ''));
      return;
    default:
      throw new NonRetriableError(`Authentication "${type}" is not supported by the HTTP Request node`, {
        itemIndex: i,
      });
  }
}
