import * as Y from 'yjs';

/** What a received update would do to a document. */
export type UpdateEffect = 'empty' | 'redundant' | 'new';

/**
 * Decodes `update` (throws on malformed bytes) and tells whether it would change `doc` — without applying it,
 * since nothing may change the live document before the update is durable. A reconnecting client's sync
 * step 2 always carries its whole delete set, so deletions already applied must count as redundant.
 * `docDeleteSet` is passed lazily because building it walks the whole document.
 */
export function updateEffect(
  update: Uint8Array,
  stateVector: Map<number, number>,
  docDeleteSet: () => Map<number, { clock: number; len: number }[]>,
): UpdateEffect {
  const { structs, ds } = Y.decodeUpdate(update);
  const dsClients = (ds as unknown as { clients: Map<number, { clock: number; len: number }[]> }).clients;
  let deletes = 0;
  for (const ranges of dsClients.values()) deletes += ranges.length;
  if (structs.length === 0 && deletes === 0) return 'empty';
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > (stateVector.get(s.id.client) ?? 0)) return 'new';
  }
  if (deletes === 0) return 'redundant';
  const known = docDeleteSet();
  for (const [client, ranges] of dsClients) {
    const have = known.get(client) ?? [];
    for (const r of ranges) if (!covered(have, r.clock, r.clock + r.len)) return 'new';
  }
  return 'redundant';
}

/** Whether [from, to) lies inside the union of sorted, merged ranges. */
function covered(ranges: { clock: number; len: number }[], from: number, to: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r.clock + r.len <= from) lo = mid + 1;
    else if (r.clock > from) hi = mid - 1;
    else return r.clock + r.len >= to;
  }
  return false;
}

/** The merged delete set of a document, by client. */
export function docDeleteSet(doc: Y.Doc): Map<number, { clock: number; len: number }[]> {
  const ds = Y.createDeleteSetFromStructStore(doc.store) as unknown as {
    clients: Map<number, { clock: number; len: number }[]>;
  };
  return ds.clients;
}
