/** The AI co-author as it shows in the awareness channel. */
export interface AiPeer {
  clientId: number;
  name: string;
  color: string;
  /** What it is doing ("joining", "thinking…", "idle"), as it publishes it. */
  status: string;
  /** Its canvas cursor (flow coordinates), when it points somewhere. */
  cursor: { x: number; y: number } | null;
}

function point(v: unknown): { x: number; y: number } | null {
  const c = v as { x?: unknown; y?: unknown } | null | undefined;
  return c &&
    typeof c.x === 'number' &&
    typeof c.y === 'number' &&
    Number.isFinite(c.x) &&
    Number.isFinite(c.y)
    ? { x: c.x, y: c.y }
    : null;
}

/**
 * The AI peers among the awareness states: `user.ai === true`, `user.kind === 'ai'` or a user id `ai:…`.
 * The co-author writes its canvas position as `cursor` (people use `pointer`), so both are read.
 * @example aiPeersFrom(awareness.getStates(), awareness.clientID)[0]?.status // 'thinking…'
 */
export function aiPeersFrom(states: Map<number, Record<string, unknown> | null>, selfId: number): AiPeer[] {
  const out: AiPeer[] = [];
  for (const [clientId, st] of states) {
    if (clientId === selfId || !st || typeof st !== 'object') continue;
    const user = st.user as {
      id?: unknown;
      name?: unknown;
      color?: unknown;
      ai?: unknown;
      kind?: unknown;
    } | null;
    if (!user || typeof user !== 'object') continue;
    const isAi =
      user.ai === true || user.kind === 'ai' || (typeof user.id === 'string' && user.id.startsWith('ai:'));
    if (!isAi) continue;
    out.push({
      clientId,
      name: typeof user.name === 'string' && user.name ? user.name.slice(0, 80) : 'AI co-author',
      color: typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : '#8b5cf6',
      status: typeof st.status === 'string' ? st.status.slice(0, 80) : '',
      cursor: point(st.cursor) ?? point(st.pointer),
    });
  }
  return out;
}

/** True while an AI peer is working (anything but idle/absent). */
export function isAiBusy(peers: AiPeer[]): boolean {
  return peers.some((p) => p.status !== '' && p.status !== 'idle');
}
