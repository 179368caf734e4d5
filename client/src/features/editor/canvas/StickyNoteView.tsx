import { type NodeProps, NodeResizer } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';
import type { FlowNode } from '../doc/graph-model.ts';
import { useEditor } from '../editor-context.ts';

const COLORS: Record<string, string> = {
  '1': '#fef3c7',
  '2': '#dbeafe',
  '3': '#dcfce7',
  '4': '#fce7f3',
  '5': '#ede9fe',
  '6': '#f1f5f9',
  '7': '#ffedd5',
};

/** Sticky note: free text, resizable, shared like any node. */
export const StickyNoteView = memo(function StickyNoteView({ id, data, selected }: NodeProps<FlowNode>) {
  const { session, readOnly } = useEditor();
  const content = String(data.parameters.content ?? '');
  const [draft, setDraft] = useState(content);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(content);
  }, [content, editing]);
  const bg = COLORS[String(data.parameters.color ?? '1')] ?? COLORS['1'];
  const save = (value: string) =>
    session.apply([{ op: 'setParameter', nodeId: id, path: ['content'], value }]);
  return (
    <div
      data-testid="sticky-note"
      data-node-id={id}
      className={`h-full w-full rounded-lg p-3 shadow-sm ${selected ? 'ring-2 ring-indigo-400' : 'ring-1 ring-black/5'}`}
      style={{ background: bg }}
    >
      {!readOnly && (
        <NodeResizer
          isVisible={selected}
          minWidth={120}
          minHeight={80}
          onResizeEnd={(_e, p) =>
            session.doc.transact(() => {
              session.apply([
                { op: 'setParameter', nodeId: id, path: ['width'], value: Math.round(p.width) },
                { op: 'setParameter', nodeId: id, path: ['height'], value: Math.round(p.height) },
              ]);
              session.apply([{ op: 'moveNode', nodeId: id, position: [Math.round(p.x), Math.round(p.y)] }]);
            }, session.origin)
          }
        />
      )}
      {editing && !readOnly ? (
        <textarea
          autoFocus
          className="nodrag nowheel h-full w-full resize-none bg-transparent text-sm outline-none"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            save(e.target.value);
          }}
          onBlur={() => setEditing(false)}
          data-testid="sticky-textarea"
        />
      ) : (
        <button
          type="button"
          className="h-full w-full cursor-inherit overflow-hidden text-left text-sm whitespace-pre-wrap text-slate-800"
          onDoubleClick={() => setEditing(true)}
        >
          {content || <span className="text-slate-400">Double-click to write a note…</span>}
        </button>
      )}
    </div>
  );
});
