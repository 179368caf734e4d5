import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type Peer, peersFrom } from '../collab/awareness-state.ts';

/** Everyone else in the document, updated at most once per animation frame and not for our own changes. */
export function usePeers(awareness: Awareness | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      setPeers(peersFrom(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID));
    };
    // Our own pointer and selection changes (every 40 ms while the mouse moves) are not about anyone else.
    const onChange = ({
      added,
      updated,
      removed,
    }: {
      added: number[];
      updated: number[];
      removed: number[];
    }) => {
      const self = awareness.clientID;
      if ([added, updated, removed].every((ids) => ids.every((id) => id === self))) return;
      if (!frame) frame = requestAnimationFrame(update);
    };
    awareness.on('change', onChange);
    update();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      awareness.off('change', onChange);
    };
  }, [awareness]);
  return peers;
}
