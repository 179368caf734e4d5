import { javascript } from '@codemirror/lang-javascript';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { ATTRIBUTION_ORIGIN, attributeTyping, docParts } from '@tandem/shared/doc';
import { basicSetup } from 'codemirror';
import { useEffect, useRef, useState } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type * as Y from 'yjs';
import { useEditor } from '../editor-context.ts';
import { ytextAt } from './ytext-at.ts';

/**
 * Collaborative code editor for a parameter stored as Y.Text: everyone types in the same text and sees the
 * others' carets in their colours (y-codemirror.next over the document's awareness).
 */
export default function CodeParameter({
  nodeId,
  path,
  initial,
  readOnly,
  language,
  testId,
}: {
  nodeId: string;
  path: (string | number)[];
  initial: string;
  readOnly: boolean;
  language: 'javascript' | 'sql';
  testId: string;
}) {
  const { session } = useEditor();
  const host = useRef<HTMLDivElement>(null);
  const [ytext, setYtext] = useState<Y.Text | null>(() => ytextAt(session.doc, nodeId, path));
  const key = path.join('.');

  // Find the shared text; when the parameter is not stored yet, write its default so it becomes one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `path`
  useEffect(() => {
    const resolve = () => setYtext((cur) => ytextAt(session.doc, nodeId, path) ?? cur);
    resolve();
    if (!ytextAt(session.doc, nodeId, path) && !readOnly) {
      try {
        session.apply([{ op: 'setParameter', nodeId, path, value: initial || '\n' }]);
      } catch {
        // Node deleted meanwhile: nothing to edit.
      }
      resolve();
    }
    const nodes = docParts(session.doc).nodes;
    nodes.observeDeep(resolve);
    return () => nodes.unobserveDeep(resolve);
  }, [session, nodeId, key, readOnly, initial]);

  // Typing arrives as Y.Text edits no operation attributes: record "last changed by" for this parameter, at most
  // every 1.5 s while someone types.
  useEffect(() => {
    if (!ytext || readOnly) return;
    let last = 0;
    const onChange = (_e: Y.YTextEvent, tr: Y.Transaction) => {
      if (!tr.local || tr.origin === ATTRIBUTION_ORIGIN || Date.now() - last < 1500) return;
      last = Date.now();
      attributeTyping(session.doc, nodeId, `parameters.${key}`, {
        userId: session.user.id,
        name: session.user.name,
      });
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
  }, [ytext, readOnly, session, nodeId, key]);

  useEffect(() => {
    if (!host.current || !ytext) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: ytext.toString(),
        extensions: [
          keymap.of(yUndoManagerKeymap),
          basicSetup,
          language === 'javascript' ? javascript() : [],
          yCollab(ytext, session.provider.awareness),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.theme({
            '&': { fontSize: '12.5px', maxHeight: '420px' },
            '.cm-scroller': {
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
              overflow: 'auto',
            },
            '.cm-content': { minHeight: '160px' },
          }),
        ],
      }),
    });
    return () => view.destroy();
  }, [ytext, session, readOnly, language]);

  if (!ytext)
    return (
      <pre className="rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-500" data-testid={testId}>
        {initial || 'No code yet.'}
      </pre>
    );
  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-indigo-500"
      data-testid={testId}
      data-code-editor="true"
    />
  );
}
