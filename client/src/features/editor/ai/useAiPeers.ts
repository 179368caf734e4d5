import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type AiPeer, aiPeersFrom } from './ai-presence.ts';

/** The AI co-author(s) present in the document, with their status and cursor. */
export function useAiPeers(awareness: Awareness | null): AiPeer[] {
  const [peers, setPeers] = useState<AiPeer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = aiPeersFrom(
        awareness.getStates() as Map<number, Record<string, unknown>>,
        awareness.clientID,
      );
      // Most awareness changes are people's pointers: keep the old array so nothing re-renders.
      setPeers((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    const onChange = () => {
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
