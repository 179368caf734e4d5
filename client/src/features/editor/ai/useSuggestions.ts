import { docParts } from '@tandem/shared/doc';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readSuggestions, type SuggestionView } from './suggestion-model.ts';

/** The document's suggestions, live (re-read at most once per animation frame). */
export function useSuggestions(doc: Y.Doc | null): SuggestionView[] {
  const [list, setList] = useState<SuggestionView[]>([]);
  useEffect(() => {
    if (!doc) return;
    const map = docParts(doc).suggestions;
    let frame = 0;
    const read = () => {
      frame = 0;
      setList(readSuggestions(map.entries()));
    };
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    map.observe(onChange);
    read();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      map.unobserve(onChange);
    };
  }, [doc]);
  return list;
}
