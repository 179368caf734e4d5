import type { JsonObject, NodeRunContext } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { type DataScope, evaluateExpression } from '@tandem/shared/expression';
import type { HttpResponse } from '../../http/index.ts';
import type { BuiltRequest } from './build-request.ts';
import { isEmptyResponse, parseBody } from './parse-response.ts';

/** Hard stop for "paginate until empty" loops that never end. */
export const MAX_PAGES = 1000;

export interface PaginationSettings {
  mode: 'off' | 'updateAParameterInEachRequest' | 'responseContainsNextURL';
  nextURL: unknown;
  parameters: { type?: string; name?: string; value?: unknown }[];
  completeWhen: 'responseIsEmpty' | 'receiveSpecificStatusCodes' | 'other';
  statusCodes: number[];
  completeExpression: unknown;
  maxRequests: number;
  requestInterval: number;
}

/**
 * Pagination settings from `options.pagination.pagination`. Its expressions use `$response` and
 * `$pageCount`, so they are read raw here and evaluated per page (see `evaluatePageExpression`).
 */
export function readPagination(ctx: NodeRunContext): PaginationSettings | undefined {
  const raw = ((ctx.rawParameters.options as JsonObject | undefined)?.pagination as JsonObject | undefined)
    ?.pagination as JsonObject | undefined;
  if (!raw?.paginationMode || raw.paginationMode === 'off') return undefined;
  const params = (raw.parameters as JsonObject | undefined)?.parameters;
  const limit = raw.limitPagesFetched === true ? Number(raw.maxRequests ?? 100) : MAX_PAGES;
  return {
    mode: raw.paginationMode as PaginationSettings['mode'],
    nextURL: raw.nextURL,
    parameters: Array.isArray(params) ? (params as PaginationSettings['parameters']) : [],
    completeWhen: (raw.paginationCompleteWhen as PaginationSettings['completeWhen']) ?? 'responseIsEmpty',
    statusCodes: String(raw.statusCodesWhenComplete ?? '')
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n)),
    completeExpression: raw.completeExpression,
    maxRequests: Math.max(1, Math.min(MAX_PAGES, Number.isFinite(limit) ? limit : 100)),
    requestInterval: Math.max(0, Number(raw.requestInterval ?? 0)),
  };
}

function responseView(res: HttpResponse, itemIndex: number) {
  let body: unknown;
  try {
    body = parseBody(res, 'autodetect', itemIndex).value;
  } catch {
    body = res.body.toString('utf8');
  }
  if (Buffer.isBuffer(body)) body = body.toString('base64');
  return { body, headers: res.headers, statusCode: res.statusCode, statusMessage: res.statusMessage };
}

/** Evaluates a pagination expression with `$response`, `$pageCount`, `$request` and the item's `$json`. */
export function evaluatePageExpression(
  expression: unknown,
  ctx: NodeRunContext,
  itemIndex: number,
  vars: { response?: HttpResponse; pageCount: number; request: BuiltRequest },
): unknown {
  const json = ctx.inputs[0]?.[itemIndex]?.json ?? {};
  const values: Record<string, unknown> = {
    $json: json,
    $pageCount: vars.pageCount,
    $response: vars.response ? responseView(vars.response, itemIndex) : undefined,
    $request: {
      url: vars.request.url.toString(),
      method: vars.request.method,
      headers: vars.request.headers,
    },
  };
  const scope: DataScope = {
    json: () => json,
    has: (name) => name in values,
    get: (name) => values[name],
  };
  return evaluateExpression(expression, scope, {
    node: ctx.node.name,
    parameter: 'options.pagination',
    itemIndex,
  });
}

/** True when the page just received is the last one. */
export function isComplete(
  settings: PaginationSettings,
  ctx: NodeRunContext,
  itemIndex: number,
  res: HttpResponse,
  pageCount: number,
  request: BuiltRequest,
): boolean {
  switch (settings.completeWhen) {
    case 'responseIsEmpty':
      return isEmptyResponse(res);
    case 'receiveSpecificStatusCodes':
      return settings.statusCodes.includes(res.statusCode);
    case 'other':
      return (
        evaluatePageExpression(settings.completeExpression, ctx, itemIndex, {
          response: res,
          pageCount,
          request,
        }) === true
      );
  }
}

/**
 * The request for the next page. "Update a parameter" also applies to the first request (`res` undefined,
 * `$pageCount` 0), like n8n, so `page = {{ $pageCount + 1 }}` asks for pages 1, 2, 3…
 */
export function nextRequest(
  settings: PaginationSettings,
  ctx: NodeRunContext,
  itemIndex: number,
  first: BuiltRequest,
  previous: BuiltRequest,
  res: HttpResponse | undefined,
  pageCount: number,
): BuiltRequest {
  const vars = { response: res, pageCount, request: previous };
  if (settings.mode === 'responseContainsNextURL') {
    if (!res) return previous;
    const next = evaluatePageExpression(settings.nextURL, ctx, itemIndex, vars);
    if (typeof next !== 'string' || next === '') {
      throw new NonRetriableError('Pagination: the next URL expression returned no URL', { itemIndex });
    }
    return { ...previous, url: new URL(next, previous.url) };
  }
  const url = new URL(first.url);
  const headers = { ...first.headers };
  let body = first.body;
  for (const p of settings.parameters) {
    const name = String(p.name ?? '');
    if (!name) continue;
    const value = String(evaluatePageExpression(p.value, ctx, itemIndex, vars) ?? '');
    if (p.type === 'headers') headers[name.toLowerCase()] = value;
    else if (p.type === 'body') body = setBodyField(body, name, value, headers['content-type']);
    else url.searchParams.set(name, value);
  }
  return { ...first, url, headers, body };
}

function setBodyField(body: Buffer | string | undefined, name: string, value: string, type = ''): string {
  const text = body === undefined ? '' : body.toString();
  if (type.includes('x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    form.set(name, value);
    return form.toString();
  }
  const obj = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  obj[name] = Number.isFinite(Number(value)) && value.trim() !== '' ? Number(value) : value;
  return JSON.stringify(obj);
}
