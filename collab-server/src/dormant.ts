import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { syncStep2Message } from './protocol.ts';

/**
 * An idle room's document in compact form. A loaded Y.Doc costs ~12× its encoded size in heap (one object per
 * item), so a room nobody has edited for `hibernateAfterMs` keeps only its full state, already framed as the
 * sync step 2 a joiner with an empty document receives, and its state vector. Joiners and reconnecting clients
 * are answered from it without rebuilding the Y.Doc; the first change rebuilds it.
 */
export type Dormant = {
  /** `[sync, step 2, full state]`: sent as is to joiners with an empty state vector. */
  step2: Uint8Array;
  /** Computed on first need (parsing a big snapshot for it costs ~40 % of building the Y.Doc). */
  stateVector: Uint8Array | null;
  /** A resync was asked for while dormant (fan-out gap, Redis outage): run it on waking. */
  stale: boolean;
};

export function toDormant(doc: Y.Doc, cachedStep2: Uint8Array | null): Dormant {
  return {
    step2: cachedStep2 ?? syncStep2Message(Y.encodeStateAsUpdate(doc)),
    stateVector: Y.encodeStateVector(doc),
    stale: false,
  };
}

/** The dormant document's state vector. Throws if the encoded state is unreadable. */
export function dormantStateVector(d: Dormant): Uint8Array {
  d.stateVector ??= Y.encodeStateVectorFromUpdate(dormantUpdate(d));
  return d.stateVector;
}

/** The full-state update inside a dormant room's step 2 message (a view, no copy). */
export function dormantUpdate(d: Dormant): Uint8Array {
  const dec = decoding.createDecoder(d.step2);
  decoding.readVarUint(dec); // message type: sync
  decoding.readVarUint(dec); // sync step 2
  return decoding.readVarUint8Array(dec);
}

/** What a peer with state vector `sv` lacks, computed from the encoded state (no Y.Doc). */
export function dormantDiff(d: Dormant, sv: Uint8Array): Uint8Array {
  return syncStep2Message(Y.diffUpdate(dormantUpdate(d), sv));
}
