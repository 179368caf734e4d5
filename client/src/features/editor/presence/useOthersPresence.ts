import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

type States = Map<number, Record<string, unknown>>;
type Change = { added: number[]; updated: number[]; removed: number[] };
const alwaysNew = () => false;

/**
 * A value derived from the other people's presence in the document: recomputed at most once per animation frame
 * and not for our own changes (our pointer moves every 40 ms). `same` keeps the previous value, so nothing
 * re-renders, when the new one shows nothing different. `derive` must be a stable function.
 */
export function useOthersPresence<T>(
  awareness: Awareness | null,
  derive: (states: States, self: number) => T,
  initial: T,
  same: (a: T, b: T) => boolean = alwaysNew,
): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (!awareness) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = derive(awareness.getStates() as States, awareness.clientID);
      setValue((prev) => (same(prev, next) ? prev : next));
    };
    const onChange = ({ added, updated, removed }: Change) => {
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
  }, [awareness, derive, same]);
  return value;
}
