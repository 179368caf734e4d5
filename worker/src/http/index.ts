export { createGuardedFetch, type GuardedFetchOptions } from './guarded-fetch.ts';
export { resolveAllowedHost, resolveNodeHost, ssrfPolicyOf } from './host-guard.ts';
export { HttpRequestError, type HttpRequestOptions, type HttpResponse, httpRequest } from './http-client.ts';
export {
  assertUrlAllowed,
  guardedLookup,
  isPrivateAddress,
  SsrfBlockedError,
  type SsrfPolicy,
} from './ssrf-guard.ts';
