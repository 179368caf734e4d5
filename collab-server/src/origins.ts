/** Transaction origins of changes that do not come from a local connection. */
export const STORE_ORIGIN = Symbol('store');
export const REMOTE_ORIGIN = Symbol('remote');
