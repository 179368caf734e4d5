import { readApiResponse } from '../../api/client.ts';

/** What index.html's inline script requested at page load on `/workflows/{id}` (null: the request failed). */
export type EarlyRequests = Partial<Record<'me' | 'meta' | 'doc' | 'nodes', Promise<Response | null>>>;

declare global {
  interface Window {
    __tandemEarly?: EarlyRequests;
  }
}

/** The early response for `key`, once (a later caller makes its own request); undefined when there is none. */
export function takeEarly(key: keyof EarlyRequests): Promise<Response | null> | undefined {
  const early = window.__tandemEarly;
  const p = early?.[key];
  if (early) delete early[key];
  return p;
}

/**
 * The api answer of the early request `key` as `api()` would give it, or `request()`'s when there was no early
 * request or it failed on the network (a refusal is an answer: it throws the ApiError).
 */
export async function earlyOr<T>(key: keyof EarlyRequests, request: () => Promise<T>): Promise<T> {
  const res = await takeEarly(key);
  return res ? readApiResponse<T>(res) : request();
}
