import { useEditor } from '../editor-context.ts';
import { useDraft } from './useDraft.ts';

/** Node title, renamed on Enter/blur (references in expressions follow the rename). */
export function NodeNameInput({
  nodeId,
  name,
  readOnly,
  onError,
}: {
  nodeId: string;
  name: string;
  readOnly: boolean;
  onError: (msg: string | null) => void;
}) {
  const { session } = useEditor();
  const { draft, setDraft, onFocus, onBlur } = useDraft(name);
  const commit = () => {
    const next = draft.trim();
    if (!next || next === name) return setDraft(name);
    try {
      session.apply([{ op: 'renameNode', nodeId, name: next.slice(0, 128) }]);
      onError(null);
    } catch (e) {
      onError((e as Error).message);
      setDraft(name);
    }
  };
  return (
    <input
      className="min-w-0 flex-1 rounded px-1 py-0.5 text-base font-semibold text-slate-900 outline-none hover:bg-slate-50 focus:bg-white focus:ring-2 focus:ring-indigo-500"
      value={draft}
      readOnly={readOnly}
      onFocus={onFocus}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        commit();
        onBlur();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setDraft(name);
          (e.target as HTMLInputElement).blur();
        }
      }}
      data-testid="panel-node-name"
      aria-label="Node name"
    />
  );
}
