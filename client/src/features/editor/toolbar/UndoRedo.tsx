import { useEffect, useState } from 'react';
import { useEditor } from '../editor-context.ts';

/** Undo/redo buttons for this user's own edits. */
export function UndoRedo() {
  const { session } = useEditor();
  const um = session.undoManager;
  const [, bump] = useState(0);
  useEffect(() => {
    const update = () => bump((n) => n + 1);
    um.on('stack-item-added', update);
    um.on('stack-item-popped', update);
    um.on('stack-cleared', update);
    return () => {
      um.off('stack-item-added', update);
      um.off('stack-item-popped', update);
      um.off('stack-cleared', update);
    };
  }, [um]);
  const btn =
    'grid size-8 place-items-center rounded-md text-slate-600 hover:bg-slate-100 disabled:text-slate-300';
  return (
    <div className="flex">
      <button
        type="button"
        className={btn}
        disabled={!um.canUndo()}
        onClick={() => um.undo()}
        title="Undo (Ctrl+Z)"
        data-testid="undo"
      >
        ↶
      </button>
      <button
        type="button"
        className={btn}
        disabled={!um.canRedo()}
        onClick={() => um.redo()}
        title="Redo (Ctrl+Shift+Z)"
        data-testid="redo"
      >
        ↷
      </button>
    </div>
  );
}
