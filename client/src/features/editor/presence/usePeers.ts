import type { Awareness } from 'y-protocols/awareness';
import { type Peer, peersFrom } from '../collab/awareness-state.ts';
import { useOthersPresence } from './useOthersPresence.ts';

const NONE: Peer[] = [];

/** Everyone else in the document, updated at most once per animation frame and not for our own changes. */
export function usePeers(awareness: Awareness | null): Peer[] {
  return useOthersPresence(awareness, peersFrom, NONE);
}
