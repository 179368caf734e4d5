import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { httpRequestDescription } from '@tandem/shared/nodes';
import { type HttpResponse, httpRequest, type SsrfPolicy } from '../http/index.ts';
import { type BuiltRequest, buildRequest } from './http-request/build-request.ts';
import { isComplete, nextRequest, readPagination } from './http-request/pagination.ts';
import {
  checkStatus,
  type ResponseFormat,
  type ResponseOptions,
  responseToItems,
} from './http-request/parse-response.ts';

/**
 * Host settings the HTTP Request node reads from `ctx.services.http` (admin settings):
 * `ssrf` relaxes the private-address guard; `maxResponseBytes` caps bodies.
 */
export interface HttpNodeSettings {
  ssrf?: SsrfPolicy;
  maxResponseBytes?: number;
}

function responseOptions(ctx: NodeRunContext, i: number): ResponseOptions {
  const r = (ctx.getNodeParameter('options.response.response', i, {}) ?? {}) as Record<string, unknown>;
  return {
    format: (r.responseFormat as ResponseFormat) ?? 'autodetect',
    fullResponse: r.fullResponse === true,
    neverError: r.neverError === true,
    outputPropertyName: typeof r.outputPropertyName === 'string' ? r.outputPropertyName : 'data',
  };
}

function settingsOf(ctx: NodeRunContext): HttpNodeSettings {
  const s = ctx.services.http as HttpNodeSettings | undefined;
  return s && typeof s === 'object' ? s : {};
}

async function send(ctx: NodeRunContext, i: number, req: BuiltRequest): Promise<HttpResponse> {
  const settings = settingsOf(ctx);
  const redirect = (ctx.getNodeParameter('options.redirect.redirect', i, {}) ?? {}) as Record<
    string,
    unknown
  >;
  const timeout = Number(ctx.getNodeParameter('options.timeout', i, 300_000));
  return httpRequest({
    method: req.method,
    url: req.url.toString(),
    headers: req.headers,
    body: req.body,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 300_000,
    followRedirects: redirect.followRedirects !== false,
    maxRedirects: Number(redirect.maxRedirects ?? 21),
    signal: ctx.signal,
    ssrf: settings.ssrf,
    maxResponseBytes: settings.maxResponseBytes,
    allowUnauthorizedCerts: ctx.getNodeParameter('options.allowUnauthorizedCerts', i, false) === true,
  });
}

async function runItem(ctx: NodeRunContext, i: number): Promise<Item[]> {
  const opts = responseOptions(ctx, i);
  const first = await buildRequest(ctx, i);
  const pagination = readPagination(ctx);
  if (!pagination) {
    const res = await send(ctx, i, first);
    checkStatus(res, opts, i);
    return responseToItems(res, opts, i);
  }
  const out: Item[] = [];
  let request = nextRequest(pagination, ctx, i, first, first, undefined, 0);
  for (let page = 1; ; page++) {
    const res = await send(ctx, i, request);
    const done = isComplete(pagination, ctx, i, res, page, request);
    // A page answering with a "complete" status code carries no data of its own.
    if (!(done && pagination.completeWhen === 'receiveSpecificStatusCodes')) {
      checkStatus(res, opts, i);
      if (!(done && pagination.completeWhen === 'responseIsEmpty'))
        out.push(...responseToItems(res, opts, i));
    }
    if (done || page >= pagination.maxRequests) return out;
    request = nextRequest(pagination, ctx, i, first, request, res, page);
    if (pagination.requestInterval > 0) await ctx.helpers.sleep(pagination.requestInterval);
  }
}

/**
 * HTTP Request v4: one request (or one paginated series) per input item, n8n's parameter shape.
 * Errors fail the node, or become `{ error }` items when the node continues on fail.
 */
export async function executeHttpRequest(ctx: NodeRunContext): Promise<NodeOutput> {
  const items = ctx.inputs[0] ?? [];
  const out: Item[] = [];
  const batch = (ctx.getNodeParameter('options.batching.batch', 0, {}) ?? {}) as Record<string, unknown>;
  const batchSize = Number(batch.batchSize ?? 0);
  const batchInterval = Number(batch.batchInterval ?? 0);
  for (let i = 0; i < items.length; i++) {
    if (batchSize > 0 && batchInterval > 0 && i > 0 && i % batchSize === 0)
      await ctx.helpers.sleep(batchInterval);
    try {
      out.push(...(await runItem(ctx, i)));
    } catch (err) {
      if (ctx.signal.aborted || !ctx.continueOnFail) throw toNodeError(err, i);
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

function toNodeError(err: unknown, itemIndex: number): unknown {
  if (!(err instanceof Error)) return new NodeOperationError(String(err), { itemIndex });
  if (err.name === 'SsrfBlockedError') return new NonRetriableError(err.message, { itemIndex, cause: err });
  if (err.name === 'HttpRequestError') {
    return new NodeOperationError(err.message, { itemIndex, cause: err });
  }
  return err;
}

export const httpRequestNode: NodeType = {
  description: httpRequestDescription,
  execute: executeHttpRequest,
};
