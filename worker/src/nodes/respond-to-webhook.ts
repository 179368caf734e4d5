import type {
  Item,
  JsonObject,
  NodeOutput,
  NodeRunContext,
  NodeType,
  WebhookResponse,
} from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { respondToWebhookDescription } from '@tandem/shared/nodes';
import { jsonParameter } from './http-request/build-request.ts';

function responseHeaders(ctx: NodeRunContext): Record<string, string> {
  const entries = ctx.getNodeParameter('options.responseHeaders.entries', 0, []);
  const headers: Record<string, string> = {};
  if (Array.isArray(entries)) {
    for (const e of entries as { name?: unknown; value?: unknown }[]) {
      if (e?.name) headers[String(e.name).toLowerCase()] = String(e.value ?? '');
    }
  }
  return headers;
}

function withKey(ctx: NodeRunContext, body: unknown): unknown {
  const key = ctx.getNodeParameter('options.responseKey', 0, '');
  return typeof key === 'string' && key !== '' ? { [key]: body } : body;
}

/**
 * Respond to Webhook v1.1: builds the HTTP answer from the incoming items (first/all items, JSON, text, binary,
 * no data, redirect) and hands it to the host, which writes it to the waiting caller. The items pass through.
 */
export async function executeRespondToWebhook(ctx: NodeRunContext): Promise<NodeOutput> {
  const items: Item[] = ctx.inputs[0] ?? [];
  const respondWith = String(ctx.getNodeParameter('respondWith', 0, 'firstIncomingItem'));
  const statusCode = Number(
    ctx.getNodeParameter('options.responseCode', 0, respondWith === 'redirect' ? 307 : 200),
  );
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new NonRetriableError(`Invalid response code ${statusCode}`);
  }
  const headers = responseHeaders(ctx);
  const response: WebhookResponse = { statusCode, headers };
  switch (respondWith) {
    case 'firstIncomingItem':
      response.body = withKey(ctx, items[0]?.json ?? {});
      break;
    case 'allIncomingItems':
      response.body = withKey(
        ctx,
        items.map((i) => i.json),
      );
      break;
    case 'json': {
      const raw = ctx.getNodeParameter('responseBody', 0, '{}');
      response.body = jsonParameter(raw, 'Response body', 0);
      break;
    }
    case 'text':
      response.body = String(ctx.getNodeParameter('responseBody', 0, ''));
      headers['content-type'] ??= 'text/plain; charset=utf-8';
      break;
    case 'noData':
      response.body = undefined;
      break;
    case 'redirect':
      headers.location = String(ctx.getNodeParameter('redirectURL', 0, ''));
      if (!headers.location) throw new NonRetriableError('Redirect URL is empty');
      break;
    case 'binary': {
      const source = ctx.getNodeParameter('responseDataSource', 0, 'automatically');
      const binaries = items[0]?.binary ?? {};
      const field =
        source === 'set'
          ? String(ctx.getNodeParameter('inputFieldName', 0, 'data'))
          : Object.keys(binaries)[0];
      const bin = field ? binaries[field] : undefined;
      if (!bin)
        throw new NonRetriableError(
          `No binary data found${field ? ` in field "${field}"` : ''} on the first item`,
        );
      response.binary = bin;
      headers['content-type'] ??= bin.mimeType;
      break;
    }
    default:
      throw new NonRetriableError(`Unsupported "Respond With" value "${respondWith}"`);
  }
  if (response.body !== undefined && typeof response.body !== 'string')
    headers['content-type'] ??= 'application/json';
  ctx.helpers.sendWebhookResponse(response);
  return [
    items.map((i, index) => ({
      json: i.json as JsonObject,
      ...(i.binary ? { binary: i.binary } : {}),
      pairedItem: { item: index },
    })),
  ];
}

export const respondToWebhookNode: NodeType = {
  description: respondToWebhookDescription,
  execute: executeRespondToWebhook,
};
