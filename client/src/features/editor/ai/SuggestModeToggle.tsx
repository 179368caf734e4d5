import { useEditor } from '../editor-context.ts';

/**
 * The "Suggest mode" button (state and effect: `useSuggestMode`). While on, the nodes and connections this user adds
 * become suggestions that others accept or reject (the same way as the AI's); moving, editing and deleting still
 * apply directly.
 */
export function SuggestModeToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { readOnly } = useEditor();
  if (readOnly) return null;
  return (
    <button
      type="button"
      onClick={() => onChange(!on)}
      aria-pressed={on}
      data-testid="ai-suggest-mode"
      data-active={on}
      title={
        on
          ? 'Suggest mode is on: nodes and connections you add become suggestions for others to accept'
          : 'Turn on suggest mode: the nodes and connections you add become suggestions instead of edits'
      }
      className={`rounded-md px-2.5 py-1 text-xs font-medium ring-1 transition-colors ${
        on
          ? 'bg-violet-600 text-white ring-violet-600'
          : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
      }`}
    >
      {on ? 'Suggesting' : 'Suggest mode'}
    </button>
  );
}
