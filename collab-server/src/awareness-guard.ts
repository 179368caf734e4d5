import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update. `state` null = the client left. */
export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

/** Largest JSON state accepted per client (cursor, selection, user): presence is small. */
export const MAX_STATE_BYTES = 8 * 1024;

/** Entries per awareness message: stock y-websocket clients echo every state they receive, so a message can list the whole room. */
export const MAX_ENTRIES = 10_000;

/**
 * Decodes an awareness update (y-protocols format). Throws on malformed input. Entries `keep` rejects are
 * skipped without parsing their JSON: a stock y-websocket client echoes every remote state it receives back to
 * the server, so most entries a server gets are other people's, and parsing them was most of presence's cost.
 */
export function decodeAwareness(
  update: Uint8Array,
  keep: (clientId: number, clock: number) => boolean = () => true,
): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > MAX_ENTRIES) throw new Error('too many awareness entries');
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    if (!keep(clientId, clock)) {
      // the JSON string, unread and not even sliced: echoes carry the whole room ~10× a second
      const len = decoding.readVarUint(d);
      if (d.pos + len > update.length) throw new Error('truncated awareness entry');
      d.pos += len;
      continue;
    }
    const json = decoding.readVarString(d);
    if (json.length > MAX_STATE_BYTES) throw new Error('awareness state too large');
    const state = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
      throw new Error('bad awareness state');
    out.push({ clientId, clock, state });
  }
  if (d.pos !== update.length) throw new Error('trailing bytes after awareness entries');
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
 * Binds presence to the authenticated user: overwrites `user.id` / `user.name` with the connection's identity
 * (colour and the rest are the client's). Which client ids a connection may speak for is decided while decoding.
 */
export function bindAwareness(
  entries: AwarenessEntry[],
  user: { userId: string; name: string },
): AwarenessEntry[] {
  // in place: the entries are freshly decoded and owned by the caller
  for (const entry of entries) {
    if (entry.state === null) continue;
    const given = entry.state.user;
    const base = given && typeof given === 'object' && !Array.isArray(given) ? given : {};
    entry.state.user = { ...base, id: user.userId, name: user.name };
  }
  return entries;
}
