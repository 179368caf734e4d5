import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update. `state` null = the client left. */
export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

/** Largest JSON state accepted per client (cursor, selection, user): presence is small. */
export const MAX_STATE_BYTES = 8 * 1024;

/** Decodes an awareness update (y-protocols format). Throws on malformed input. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > 64) throw new Error('too many awareness entries');
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    if (json.length > MAX_STATE_BYTES) throw new Error('awareness state too large');
    const state = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
      throw new Error('bad awareness state');
    out.push({ clientId, clock, state });
  }
  return out;
}

/** Encodes awareness entries (y-protocols format). */
export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, JSON.stringify(x.state));
  }
  return encoding.toUint8Array(e);
}

/**
 * Binds presence to the authenticated user: keeps only entries for client ids this connection may speak for
 * and overwrites `user.id` / `user.name` with the connection's identity (colour and the rest are the client's).
 * `mayUse(clientId)` decides (and records) ownership.
 */
export function bindAwareness(
  entries: AwarenessEntry[],
  user: { userId: string; name: string },
  mayUse: (clientId: number) => boolean,
): AwarenessEntry[] {
  const out: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (!mayUse(entry.clientId)) continue;
    if (entry.state === null) {
      out.push(entry);
      continue;
    }
    const given = entry.state.user;
    const base = given && typeof given === 'object' && !Array.isArray(given) ? given : {};
    out.push({ ...entry, state: { ...entry.state, user: { ...base, id: user.userId, name: user.name } } });
  }
  return out;
}
