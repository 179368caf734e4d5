/** Error codes the api answers with; unknown codes pass through as strings. */
export type ApiErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'origin_mismatch'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'request_timeout'
  | 'headers_too_large'
  | 'network_error'
  | 'server_error'
  | (string & {});

/** A failed api call: HTTP status plus the `{error:{code,message,details}}` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Per-field messages when the api reports validation issues (zod-style `details`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const d = this.details as { issues?: unknown; fieldErrors?: unknown } | unknown[] | undefined;
    const issues = Array.isArray(d)
      ? d
      : Array.isArray((d as { issues?: unknown })?.issues)
        ? (d as { issues: unknown[] }).issues
        : [];
    for (const issue of issues as { path?: unknown; message?: string }[]) {
      const key = Array.isArray(issue?.path)
        ? issue.path.join('.')
        : typeof issue?.path === 'string'
          ? issue.path
          : '';
      if (key && issue.message && !out[key]) out[key] = issue.message;
    }
    return out;
  }
}

/** Turns any response/body pair into an ApiError, tolerating non-JSON bodies (proxies, 502 pages). */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err === 'object') {
    const code = typeof err.code === 'string' ? err.code : fallbackCode(status);
    const message = typeof err.message === 'string' && err.message ? err.message : defaultMessage(status);
    return new ApiError(status, code, message, err.details);
  }
  return new ApiError(status, fallbackCode(status), defaultMessage(status));
}

function fallbackCode(status: number): ApiErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 422) return 'unprocessable';
  if (status === 429) return 'rate_limited';
  return 'server_error';
}

function defaultMessage(status: number): string {
  if (status === 401) return 'You are signed out. Please sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again.';
  return `Request failed (${status}).`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

/** Builds `/api/...` with a query string, skipping empty values. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') ? path : `/api${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/**
 * Calls the api on the same origin with the session cookie; JSON in, JSON out.
 * @example const me = await api<User>('/users/me');
 * @throws ApiError for non-2xx answers and network failures.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: opts.signal,
  };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), init);
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }
  return readApiResponse<T>(res);
}

/**
 * The body of an api response, as `api()` answers it (for a request made elsewhere, e.g. at page load).
 * @throws ApiError for non-2xx answers.
 */
export async function readApiResponse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
