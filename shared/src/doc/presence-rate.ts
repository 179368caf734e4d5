/** How often the collab-server relays presence by default: 50 ms (20 Hz). */
export const PRESENCE_INTERVAL_MS = 50;

/** People present in a room up to which presence goes out every base interval; beyond, it grows with them. */
export const PEERS_AT_BASE_RATE = 25;

/**
 * The interval between two presence messages the collab-server relays for a room, which is also as often as a
 * client needs to send its own (anything sooner is overwritten unseen). Shared by the server's batcher and
 * Tandem's client, so the two cannot drift.
 * @example presenceInterval(50, 10) // 50; presenceInterval(50, 50) // 100
 */
export function presenceInterval(baseMs: number, peopleHere: number): number {
  return baseMs * Math.max(1, peopleHere / PEERS_AT_BASE_RATE);
}
