import { docParts } from '@tandem/shared/doc';
import { useEffect, useState } from 'react';
import { useEditor } from '../editor-context.ts';
import { useDraft } from '../panel/useDraft.ts';

/** The workflow name from the shared document, editable in place. */
export function WorkflowTitle({ fallback }: { fallback: string }) {
  const { session, readOnly } = useEditor();
  const [name, setName] = useState(fallback);
  useEffect(() => {
    const meta = docParts(session.doc).meta;
    const read = () => {
      const n = meta.get('name');
      if (typeof n === 'string' && n) setName(n);
    };
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [session]);
  const { draft, setDraft, onFocus, onBlur } = useDraft(name);
  const commit = () => {
    const next = draft.trim().slice(0, 256);
    if (next && next !== name) session.apply([{ op: 'setWorkflowField', field: 'name', value: next }]);
    else setDraft(name);
  };
  return (
    <input
      className="w-64 min-w-24 shrink truncate rounded px-1.5 py-0.5 text-sm font-semibold text-slate-900 outline-none hover:bg-slate-100 focus:bg-white focus:ring-2 focus:ring-indigo-500"
      value={draft}
      title={draft}
      readOnly={readOnly}
      onFocus={onFocus}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        commit();
        onBlur();
      }}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      aria-label="Workflow name"
      data-testid="workflow-title"
    />
  );
}
