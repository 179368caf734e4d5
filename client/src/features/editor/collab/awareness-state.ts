/** What each client publishes in the awareness channel (y-codemirror.next reads `user`). */
export interface PresenceState {
  user: { id: string; name: string; color: string; colorLight: string; kind?: 'human' | 'ai' };
  /**
   * Canvas pointer in flow coordinates, null when off the canvas. (Not `cursor`: y-codemirror.next owns that
   * field for text carets.)
   */
  pointer: { x: number; y: number } | null;
  /** Selected node ids. */
  selection: string[];
  /** Node whose property panel is open. */
  editing: string | null;
}

/** A remote peer as the UI shows it. */
export interface Peer extends PresenceState {
  clientId: number;
}

/**
 * Reads the awareness map into a list of well-formed peers, excluding ourselves and
 * anything a peer published in an unexpected shape.
 * @example peersFrom(awareness.getStates(), awareness.clientID)
 */
export function peersFrom(states: Map<number, Record<string, unknown>>, selfId: number): Peer[] {
  const out: Peer[] = [];
  for (const [clientId, st] of states) {
    if (clientId === selfId || !st) continue;
    const user = st.user as PresenceState['user'] | undefined;
    if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') continue;
    const c = st.pointer as { x?: unknown; y?: unknown } | null | undefined;
    const pointer =
      c && typeof c.x === 'number' && typeof c.y === 'number' && Number.isFinite(c.x) && Number.isFinite(c.y)
        ? { x: c.x, y: c.y }
        : null;
    const selection = Array.isArray(st.selection)
      ? (st.selection as unknown[]).filter((s): s is string => typeof s === 'string').slice(0, 500)
      : [];
    const editing = typeof st.editing === 'string' ? st.editing : null;
    out.push({ clientId, user: { ...user, id: String(user.id ?? clientId) }, pointer, selection, editing });
  }
  return out;
}

/** Lighter variant of a hex colour, for selection backgrounds in the code editor. */
export function lighten(hex: string, alpha = 0.2): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0');
  return `#${m[1]}${a}`;
}
