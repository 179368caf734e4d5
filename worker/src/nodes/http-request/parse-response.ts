import type { BinaryData, Item, JsonObject } from '@tandem/shared/engine';
import { NodeOperationError, RetryAfterError } from '@tandem/shared/engine';
import type { HttpResponse } from '../../http/index.ts';

export type ResponseFormat = 'autodetect' | 'json' | 'text' | 'file';

export interface ResponseOptions {
  format: ResponseFormat;
  fullResponse: boolean;
  neverError: boolean;
  outputPropertyName: string;
}

/** Error with the HTTP status kept for the run data (`httpCode`). */
export class HttpStatusError extends NodeOperationError {
  httpCode: string;
  constructor(status: number, message: string, description: string, itemIndex: number) {
    super(message, { description, itemIndex });
    this.httpCode = String(status);
  }
}

const STATUS_HINTS: Record<number, string> = {
  400: 'Bad request - please check your parameters',
  401: 'Authorization failed - please check your credentials',
  403: 'Forbidden - perhaps check your credentials?',
  404: 'The resource you are requesting could not be found',
  405: 'Method not allowed - please check you are using the right HTTP method',
  429: 'The service is receiving too many requests from you',
  500: 'The service was not able to process your request',
  502: 'Bad gateway - the service failed to handle your request',
  503: 'Service unavailable - try again later or consider setting this node to retry automatically',
  504: 'Gateway timed out - perhaps try again later?',
};

/** Throws for HTTP errors (429 → RetryAfterError), unless `neverError`. */
export function checkStatus(res: HttpResponse, opts: ResponseOptions, itemIndex: number): void {
  if (opts.neverError || res.statusCode < 400) return;
  const text = res.body.toString('utf8').slice(0, 2000);
  const hint = STATUS_HINTS[res.statusCode] ?? `Request failed with status code ${res.statusCode}`;
  if (res.statusCode === 429) {
    const after = retryAfterMs(res.headers['retry-after']);
    throw new RetryAfterError(`${hint} (429)`, after);
  }
  throw new HttpStatusError(res.statusCode, `${hint}`, `${res.statusCode} - ${text}`, itemIndex);
}

function retryAfterMs(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}

function contentType(res: HttpResponse): string {
  const v = res.headers['content-type'];
  return (Array.isArray(v) ? v[0] : (v ?? '')).toLowerCase();
}

function isTextType(type: string): boolean {
  return (
    type.startsWith('text/') ||
    /(json|xml|javascript|ecmascript|x-www-form-urlencoded|csv|yaml|html)/.test(type) ||
    type === ''
  );
}

/** Parses the body per the chosen format; `kind` tells how the items are built. */
export function parseBody(
  res: HttpResponse,
  format: ResponseFormat,
  itemIndex: number,
): { kind: 'json' | 'text' | 'file'; value: unknown } {
  const type = contentType(res);
  if (format === 'file' || (format === 'autodetect' && !isTextType(type)))
    return { kind: 'file', value: res.body };
  const text = res.body.toString('utf8');
  if (format === 'text') return { kind: 'text', value: text };
  const looksJson = type.includes('json') || /^\s*[[{]/.test(text);
  if (format === 'json' || looksJson) {
    if (text.trim() === '') return { kind: 'json', value: {} };
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      if (format === 'json') {
        throw new NodeOperationError('The response is not valid JSON', {
          description: `Set the response format to Text to receive it as is. Start: ${text.slice(0, 200)}`,
          itemIndex,
        });
      }
    }
  }
  return { kind: 'text', value: text };
}

function fileName(res: HttpResponse): string | undefined {
  const cd = res.headers['content-disposition'];
  const m = typeof cd === 'string' ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd) : null;
  if (m) return decodeURIComponent(m[1]);
  const last = new URL(res.url).pathname.split('/').pop();
  return last || undefined;
}

function toBinary(res: HttpResponse, body: Buffer): BinaryData {
  const name = fileName(res);
  const mimeType = contentType(res).split(';')[0] || 'application/octet-stream';
  const ext = name?.includes('.') ? name.split('.').pop() : mimeType.split('/')[1];
  return {
    data: body.toString('base64'),
    mimeType,
    fileName: name,
    fileExtension: ext,
    fileSize: formatSize(body.length),
  };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Builds n8n-shaped output items for one response of input item `itemIndex`. */
export function responseToItems(res: HttpResponse, opts: ResponseOptions, itemIndex: number): Item[] {
  const paired = { item: itemIndex };
  const parsed = parseBody(res, opts.format, itemIndex);
  const prop = opts.outputPropertyName || 'data';
  if (parsed.kind === 'file') {
    const binary = { [prop]: toBinary(res, parsed.value as Buffer) };
    const json: JsonObject = opts.fullResponse
      ? { headers: res.headers, statusCode: res.statusCode, statusMessage: res.statusMessage }
      : {};
    return [{ json, binary, pairedItem: paired }];
  }
  if (opts.fullResponse) {
    return [
      {
        json: {
          body: parsed.value,
          headers: res.headers,
          statusCode: res.statusCode,
          statusMessage: res.statusMessage,
        },
        pairedItem: paired,
      },
    ];
  }
  if (parsed.kind === 'text') return [{ json: { [prop]: parsed.value }, pairedItem: paired }];
  const value = parsed.value;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => ({
    json: v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : { [prop]: v },
    pairedItem: paired,
  }));
}

/** True when a response carries no data (pagination "response is empty"). */
export function isEmptyResponse(res: HttpResponse): boolean {
  const text = res.body.toString('utf8').trim();
  if (text === '' || text === '[]' || text === '{}' || text === 'null') return true;
  return false;
}
