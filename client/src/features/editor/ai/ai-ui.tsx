import type { ComponentProps } from 'react';
import { AskAiBox } from './AskAiBox.tsx';
import { GhostLayer } from './GhostLayer.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { SuggestModeToggle } from './SuggestModeToggle.tsx';

/**
 * Toolbar part: the suggest-mode toggle and the Ask AI box (editors only). Without `suggestMode` no toggle: on narrow
 * screens it is in the header's menu.
 */
export function AiToolbar({ suggestMode }: { suggestMode?: ComponentProps<typeof SuggestModeToggle> }) {
  return (
    <div className="flex items-center gap-2">
      {suggestMode && <SuggestModeToggle {...suggestMode} />}
      <AskAiBox />
    </div>
  );
}

export { GhostLayer as AiCanvasLayer, SuggestionsPanel as AiSuggestions };
