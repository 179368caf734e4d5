import { docToWorkflow } from '@tandem/shared/doc';
import { newId } from '@tandem/shared/util';
import { useEffect, useRef } from 'react';
import type { CollabSession } from './collab/collab-session.ts';
import { parseFragment, pasteOps, selectionFragment } from './doc/clipboard.ts';
import { nodeNames } from './doc/read-doc.ts';

/** True when the event comes from a text field or the code editor (their own shortcuts apply). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable="true"], .cm-editor'));
}

/**
 * Editor keyboard shortcuts: undo/redo (own edits only), copy/cut/paste of nodes as workflow JSON,
 * select all, run, and `/` to search nodes.
 */
export function useEditorShortcuts(opts: {
  session: CollabSession | null;
  readOnly: boolean;
  selected: () => string[];
  selectOnly: (ids: string[]) => void;
  pasteAt: () => [number, number];
  onRun: () => void;
  focusSearch: () => void;
}) {
  const ref = useRef(opts);
  ref.current = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const o = ref.current;
      if (!o.session || isTyping(e.target)) return;
      const mod = e.metaKey || e.ctrlKey;
      const k = e.key.toLowerCase();
      if (mod && k === 'z' && !o.readOnly) {
        e.preventDefault();
        if (e.shiftKey) o.session.undoManager.redo();
        else o.session.undoManager.undo();
      } else if (mod && k === 'y' && !o.readOnly) {
        e.preventDefault();
        o.session.undoManager.redo();
      } else if (mod && k === 'enter') {
        e.preventDefault();
        o.onRun();
      } else if (mod && k === 'a') {
        e.preventDefault();
        const all: string[] = [];
        for (const id of o.session.doc.getMap('nodes').keys()) all.push(id);
        o.selectOnly(all);
      } else if (!mod && e.key === '/') {
        e.preventDefault();
        o.focusSearch();
      }
    };
    const copy = (e: ClipboardEvent, cut: boolean) => {
      const o = ref.current;
      if (!o.session || isTyping(e.target)) return;
      const ids = o.selected();
      if (ids.length === 0) return;
      const frag = selectionFragment(docToWorkflow(o.session.doc), new Set(ids));
      e.clipboardData?.setData('text/plain', JSON.stringify(frag, null, 2));
      e.preventDefault();
      if (cut && !o.readOnly) {
        const s = o.session;
        s.doc.transact(() => {
          for (const id of ids) s.apply([{ op: 'removeNode', nodeId: id }]);
        }, s.origin);
      }
    };
    const onCopy = (e: ClipboardEvent) => copy(e, false);
    const onCut = (e: ClipboardEvent) => copy(e, true);
    const onPaste = (e: ClipboardEvent) => {
      const o = ref.current;
      if (!o.session || o.readOnly || isTyping(e.target)) return;
      const frag = parseFragment(e.clipboardData?.getData('text/plain') ?? '');
      if (!frag) return;
      e.preventDefault();
      const { ops, ids } = pasteOps(frag, nodeNames(o.session.doc), o.pasteAt(), newId);
      try {
        o.session.apply(ops);
        o.selectOnly(ids);
      } catch (err) {
        console.warn('paste failed', err);
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('copy', onCopy);
    window.addEventListener('cut', onCut);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('copy', onCopy);
      window.removeEventListener('cut', onCut);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
}
