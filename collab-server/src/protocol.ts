import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** y-websocket message types. */
export const MSG = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/**
 * Tandem's own messages ride inside the y-websocket `auth` message (type 2) with sub-types ≥ 100:
 * a stock y-websocket client reads the sub-type, finds it is not "permission denied" (0) and ignores it silently.
 */
export const TANDEM = {
  /** [2, 100, varUint acceptedCount, varUint8Array stateVectorOfTheUpdate]: your update is committed. */
  durable: 100,
  /** [2, 101, varString code, varString message]: your message was refused (dropped); the doc is unchanged. */
  refused: 101,
} as const;

/** Refusal codes sent with TANDEM.refused. */
export type RefusalCode = 'read-only' | 'doc-too-large' | 'storage-error';

/**
 * Close codes (4400–4499: the stock client does not reconnect; 4500–4599: it retries). Switch over exhaustively.
 */
export const CLOSE = {
  malformed: { code: 4400, reason: 'malformed message' },
  forbidden: { code: 4403, reason: 'access revoked' },
  rateLimited: { code: 4529, reason: 'too many messages' },
  backlog: { code: 4530, reason: 'too many queued messages' },
  storage: { code: 4500, reason: 'storage unavailable' },
  shutdown: { code: 1001, reason: 'server shutting down' },
} as const;
export type CloseKind = keyof typeof CLOSE;

/** Encodes a sync message (update or step 2) for the wire. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** Encodes a sync step 2 carrying `update`. */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Encodes a sync step 1 carrying the state vector `sv`. */
export function syncStep1Message(sv: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(e, sv);
  return encoding.toUint8Array(e);
}

/** Encodes an awareness message. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Tandem "durable" acknowledgement. */
export function durableMessage(accepted: number, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.auth);
  encoding.writeVarUint(e, TANDEM.durable);
  encoding.writeVarUint(e, accepted);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** Tandem refusal. */
export function refusedMessage(code: RefusalCode, message: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.auth);
  encoding.writeVarUint(e, TANDEM.refused);
  encoding.writeVarString(e, code);
  encoding.writeVarString(e, message);
  return encoding.toUint8Array(e);
}
