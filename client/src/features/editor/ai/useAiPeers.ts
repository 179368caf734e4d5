import type { Awareness } from 'y-protocols/awareness';
import { useOthersPresence } from '../presence/useOthersPresence.ts';
import { type AiPeer, aiPeersFrom } from './ai-presence.ts';

const NONE: AiPeer[] = [];
// Most presence changes are people's pointers: keep the old array so nothing re-renders.
const unchanged = (a: AiPeer[], b: AiPeer[]) => JSON.stringify(a) === JSON.stringify(b);

/** The AI co-author(s) present in the document, with their status and cursor. */
export function useAiPeers(awareness: Awareness | null): AiPeer[] {
  return useOthersPresence(awareness, aiPeersFrom, NONE, unchanged);
}
