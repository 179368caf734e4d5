import { AskAiBox } from './AskAiBox.tsx';
import { GhostLayer } from './GhostLayer.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { SuggestModeToggle } from './SuggestModeToggle.tsx';

/** Toolbar part: the suggest-mode toggle and the Ask AI box (editors only). */
export function AiToolbar() {
  return (
    <div className="flex items-center gap-2">
      <SuggestModeToggle />
      <AskAiBox />
    </div>
  );
}

export { GhostLayer as AiCanvasLayer, SuggestionsPanel as AiSuggestions };
