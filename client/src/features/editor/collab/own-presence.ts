import { PRESENCE_INTERVAL_MS, presenceInterval } from '@tandem/shared/doc';
import type { WebsocketProvider } from 'y-websocket';

type Changes = { added: number[]; updated: number[]; removed: number[] };

/**
 * Makes a y-websocket provider send only this client's own presence, at most once per server relay interval.
 * - The stock provider sends every awareness change it sees, other people's included: each presence message the
 *   server relays came back from every client listing the whole room (the server discards those entries; the
 *   traffic and its cost stay).
 * - A change sends at once if the last send is an interval old, else at the end of that interval with the latest
 *   state (a cursor moving at 20 Hz in a room of 50 goes out at 10 Hz, as fast as the server relays it anyway).
 *   Leaving (state null) goes at once.
 * The provider's handler is replaced, not wrapped, so its `destroy` still unregisters it.
 * @example const provider = new WebsocketProvider(url, room, doc); sendOwnPresenceOnly(provider)
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  const send = provider._awarenessUpdateHandler;
  let lastSent = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sendState = () => {
    timer = null;
    lastSent = performance.now();
    // the provider encodes the state as it is now: changes since the timer was set are all in it
    send({ added: [], updated: [awareness.clientID], removed: [] }, 'local');
  };
  const own = (changes: Changes, origin: unknown) => {
    const me = awareness.clientID;
    if (changes.removed.includes(me)) {
      if (timer) clearTimeout(timer);
      timer = null;
      send({ added: [], updated: [], removed: [me] }, origin);
      return;
    }
    if (!changes.added.includes(me) && !changes.updated.includes(me)) return;
    if (timer) return;
    const wait =
      lastSent + presenceInterval(PRESENCE_INTERVAL_MS, awareness.getStates().size) - performance.now();
    if (wait <= 0) sendState();
    else timer = setTimeout(sendState, wait);
  };
  awareness.off('update', send);
  provider._awarenessUpdateHandler = own;
  awareness.on('update', own);
}
