import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Tandem's own collab-server messages. They travel inside the y-websocket `auth` message (type 2) with
 * sub-types ≥ 100, which stock clients ignore. Browser-safe (no Node or y-websocket import).
 */
export const COLLAB_MESSAGE = { auth: 2, durable: 100, refused: 101 } as const;

export type CollabNotice =
  | { type: 'durable'; accepted: number; stateVector: Uint8Array }
  | { type: 'refused'; code: string; message: string }
  | { type: 'permission-denied'; reason: string };

/** Decodes the body of an auth message (after its type byte). Returns null for unknown sub-types. */
export function readCollabNotice(decoder: decoding.Decoder): CollabNotice | null {
  const sub = decoding.readVarUint(decoder);
  if (sub === 0) return { type: 'permission-denied', reason: decoding.readVarString(decoder) };
  if (sub === COLLAB_MESSAGE.durable) {
    return {
      type: 'durable',
      accepted: decoding.readVarUint(decoder),
      stateVector: decoding.readVarUint8Array(decoder),
    };
  }
  if (sub === COLLAB_MESSAGE.refused) {
    return {
      type: 'refused',
      code: decoding.readVarString(decoder),
      message: decoding.readVarString(decoder),
    };
  }
  return null;
}

/** The parts of a y-websocket WebsocketProvider this module needs (kept structural: no dependency). */
export type ProviderLike = {
  messageHandlers: ((encoder: encoding.Encoder, decoder: decoding.Decoder, ...rest: never[]) => void)[];
  ws: { send(data: Uint8Array): void } | null;
  on(event: 'status', cb: (e: { status: string }) => void): void;
  doc: { on(event: 'update', cb: (update: Uint8Array, origin: unknown) => void): void };
};

/**
 * Tracks whether everything this client sent is durable on the server (the editor's "saved" indicator).
 * `onChange(saved, notice)` fires on every durable ack or refusal. Counting: every sync update the provider
 * sends is one message; the server acks with the number of such messages it has committed on this connection.
 * @example trackDurability(provider, (saved, n) => setSaved(saved))
 */
export function trackDurability(
  provider: ProviderLike,
  onChange: (saved: boolean, notice: CollabNotice | null) => void,
): { saved(): boolean } {
  let sent = 0;
  let acked = 0;
  provider.doc.on('update', (_u, origin) => {
    if (origin !== provider) {
      sent++;
      onChange(false, null);
    }
  });
  provider.on('status', ({ status }) => {
    // a new connection resends everything the server lacks in its sync step 2; counting restarts with it
    if (status === 'connected') {
      sent = 1;
      acked = 0;
    }
  });
  provider.messageHandlers[COLLAB_MESSAGE.auth] = (_encoder, decoder) => {
    const notice = readCollabNotice(decoder);
    if (notice?.type === 'durable') acked = notice.accepted;
    if (notice) onChange(acked >= sent, notice);
  };
  return { saved: () => acked >= sent };
}

/** Encodes a notice (server side and tests). */
export function encodeCollabNotice(notice: CollabNotice): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, COLLAB_MESSAGE.auth);
  if (notice.type === 'durable') {
    encoding.writeVarUint(e, COLLAB_MESSAGE.durable);
    encoding.writeVarUint(e, notice.accepted);
    encoding.writeVarUint8Array(e, notice.stateVector);
  } else if (notice.type === 'refused') {
    encoding.writeVarUint(e, COLLAB_MESSAGE.refused);
    encoding.writeVarString(e, notice.code);
    encoding.writeVarString(e, notice.message);
  } else {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, notice.reason);
  }
  return encoding.toUint8Array(e);
}
