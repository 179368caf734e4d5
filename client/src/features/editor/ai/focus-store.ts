import { useSyncExternalStore } from 'react';

/**
 * Which suggestion the user pointed at (a ghost on the canvas, a row in the list), shared by the canvas layer and
 * the side list without a provider: they are mounted in different parts of the editor.
 */
export interface FocusStore {
  get(): string | null;
  set(id: string | null): void;
  subscribe(fn: () => void): () => void;
}

/** A small observable value. */
export function createFocusStore(): FocusStore {
  let value: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (id) => {
      if (id === value) return;
      value = id;
      for (const fn of listeners) fn();
    },
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

const stores = new WeakMap<object, FocusStore>();

/** The focus store of one document (one per Y.Doc, so two open editors never share it). */
export function focusStoreFor(doc: object): FocusStore {
  let s = stores.get(doc);
  if (!s) {
    s = createFocusStore();
    stores.set(doc, s);
  }
  return s;
}

/** The focused suggestion id of a document and its setter. */
export function useSuggestionFocus(doc: object): [string | null, (id: string | null) => void] {
  const store = focusStoreFor(doc);
  const value = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [value, store.set];
}
