/**
 * Webhook paths with route parameters (`users/:id/orders/:orderId`), n8n's way: a path is dynamic when a segment
 * starts with `:`, and such a path is served under the node's webhook id (`<webhookId>/users/:id`), so its first
 * segment is always static. Static paths stay a plain map lookup; dynamic ones are found by method, segment count
 * and first segment, then the most specific pattern that matches wins.
 */

export const normalizePath = (p: string) => p.replace(/^\/+|\/+$/g, '');

const PARAM = /^:[A-Za-z_$][\w$.-]*$/;

/** Whether a (normalized) path has route parameters. */
export const isDynamicPath = (path: string) => path.split('/').some((s) => s.startsWith(':'));

/**
 * Why a dynamic path cannot be served, or null when it can: every segment non-empty, parameters named
 * `:name` (letters, digits, `_ $ . -`), no name twice, the first segment static.
 */
export function dynamicPathProblem(path: string): string | null {
  const segments = path.split('/');
  const names = new Set<string>();
  for (const s of segments) {
    if (s === '') return `path "${path}" has an empty segment`;
    if (!s.startsWith(':')) continue;
    if (!PARAM.test(s)) return `"${s}" in path "${path}" is not a valid parameter (use :name)`;
    if (names.has(s)) return `parameter "${s}" appears twice in path "${path}"`;
    names.add(s);
  }
  if (segments[0].startsWith(':')) return `path "${path}" must start with a fixed segment`;
  return null;
}

/** The pattern with parameter names erased: two patterns with the same shape match the same requests. */
export const pathShape = (path: string) =>
  path
    .split('/')
    .map((s) => (s.startsWith(':') ? ':' : s))
    .join('/');

interface Pattern<T> {
  segments: string[];
  value: T;
}

/** Positive when `a` is more specific than `b`: the first position where one is static and the other not decides. */
function specificity(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const sa = !a[i].startsWith(':');
    const sb = !b[i].startsWith(':');
    if (sa !== sb) return sa ? 1 : -1;
  }
  return 0;
}

/**
 * Method + path → value, static paths first. Build it once (`add` for each webhook), then `match` per request.
 */
export class WebhookPathIndex<T> {
  readonly #static = new Map<string, T>();
  readonly #dynamic = new Map<string, Pattern<T>[]>();
  readonly #methodsByPath = new Map<string, string[]>();

  /** Adds a webhook (normalized path); a later one with the same method and path shape replaces it. */
  add(method: string, path: string, value: T): void {
    if (!isDynamicPath(path)) {
      const key = `${method} ${path}`;
      const methods = this.#methodsByPath.get(path) ?? [];
      if (!this.#static.has(key)) methods.push(method);
      this.#methodsByPath.set(path, methods);
      this.#static.set(key, value);
      return;
    }
    if (dynamicPathProblem(path)) return; // refused at publish; never served
    const segments = path.split('/');
    const key = dynamicKey(method, segments);
    const shape = pathShape(path);
    const bucket = (this.#dynamic.get(key) ?? []).filter((p) => pathShape(p.segments.join('/')) !== shape);
    bucket.push({ segments, value });
    // Most specific first, so the first match is the winner.
    bucket.sort((a, b) => specificity(b.segments, a.segments));
    this.#dynamic.set(key, bucket);
  }

  /**
   * The webhook for a request and its route parameters. `path` is normalized and percent-decoded; `raw` is the
   * same path before decoding, split into segments first so an encoded `/` stays inside a parameter value.
   */
  match(
    method: string,
    path: string,
    raw: string = path,
  ): { value: T; params: Record<string, string> } | undefined {
    const hit = this.#static.get(`${method} ${path}`);
    if (hit !== undefined) return { value: hit, params: {} };
    return this.matchDynamic(method, raw);
  }

  /** The static webhook on exactly this method and path: one map lookup. */
  matchStatic(method: string, path: string): T | undefined {
    return this.#static.get(`${method} ${path}`);
  }

  /** The most specific dynamic webhook matching a raw request path, with its parameters. */
  matchDynamic(method: string, raw: string): { value: T; params: Record<string, string> } | undefined {
    if (this.#dynamic.size === 0) return undefined;
    const parts = requestSegments(raw);
    return parts && matchDynamic(this.#dynamic.get(dynamicKey(method, parts)), parts);
  }

  /** The value registered under this method and path, or under a dynamic path of the same shape. */
  sameShape(method: string, path: string): T | undefined {
    if (!isDynamicPath(path)) return this.#static.get(`${method} ${path}`);
    const segments = path.split('/');
    const shape = pathShape(path);
    return this.#dynamic
      .get(dynamicKey(method, segments))
      ?.find((p) => pathShape(p.segments.join('/')) === shape)?.value;
  }

  /** Methods with a webhook on this request path (for 405). */
  methodsOf(path: string, methods: readonly string[], raw: string = path): string[] {
    const found = new Set(this.#methodsByPath.get(path));
    const parts = this.#dynamic.size > 0 ? requestSegments(raw) : undefined;
    if (parts)
      for (const m of methods) if (matchDynamic(this.#dynamic.get(dynamicKey(m, parts)), parts)) found.add(m);
    return [...found];
  }
}

/** The decoded segments of a raw request path, or undefined when its percent-encoding is malformed. */
export function requestSegments(raw: string): string[] | undefined {
  try {
    return normalizePath(raw).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The bucket of a request: method, segment count, first segment. */
export const dynamicKey = (method: string, parts: readonly string[]) =>
  `${method} ${parts.length} ${parts[0]}`;

/** The first (most specific) pattern matching `path`, with its parameters. */
export function matchDynamic<T>(
  patterns: readonly Pattern<T>[] | undefined,
  parts: readonly string[],
): { value: T; params: Record<string, string> } | undefined {
  if (!patterns) return undefined;
  for (const p of patterns) {
    if (p.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const s = p.segments[i];
      if (s.startsWith(':')) {
        if (parts[i] === '') ok = false;
        else params[s.slice(1)] = parts[i];
      } else ok = s === parts[i];
    }
    if (ok) return { value: p.value, params };
  }
  return undefined;
}
