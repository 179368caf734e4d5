/**
 * The workflow document's state over HTTP (`GET /api/workflows/{id}/doc`, one binary Yjs update), fetched at page
 * load so the editor can show the workflow before its socket has synced. One fetch per workflow, handed to the
 * first session that opens it; a failure answers null (the socket sync then brings everything).
 */
const pending = new Map<string, Promise<Uint8Array | null>>();
/** Fetches that have finished (their promise still in `pending`), for a synchronous take. */
const settled = new Map<string, Uint8Array | null>();

async function fetchDocState(
  workflowId: string,
  early?: Promise<Response | null>,
): Promise<Uint8Array | null> {
  try {
    const res =
      (await early) ??
      (await fetch(`/api/workflows/${encodeURIComponent(workflowId)}/doc`, { credentials: 'same-origin' }));
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/**
 * Starts fetching the document state of `workflowId` (no-op when a fetch is already pending); `early`: the request
 * index.html already made (fetched again should it have failed on the network).
 */
export function prefetchDocState(workflowId: string, early?: Promise<Response | null>): void {
  if (pending.has(workflowId)) return;
  const p = fetchDocState(workflowId, early);
  pending.set(workflowId, p);
  void p.then((state) => {
    if (pending.get(workflowId) === p) settled.set(workflowId, state);
  });
}

/** The prefetched state (fetched now if it was not), once: later sessions fetch again. */
export function takeDocState(workflowId: string): Promise<Uint8Array | null> {
  const p = pending.get(workflowId) ?? fetchDocState(workflowId);
  pending.delete(workflowId);
  settled.delete(workflowId);
  return p;
}

/** The prefetched state if its fetch has finished (taking it, as `takeDocState`); undefined while it has not. */
export function takeSettledDocState(workflowId: string): Uint8Array | null | undefined {
  if (!settled.has(workflowId)) return undefined;
  const state = settled.get(workflowId) ?? null;
  pending.delete(workflowId);
  settled.delete(workflowId);
  return state;
}
