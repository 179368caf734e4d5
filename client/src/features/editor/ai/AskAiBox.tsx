import { nodeNameById } from '@tandem/shared/doc';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { usePopover } from '../../../ui/usePopover.ts';
import { useEditor } from '../editor-context.ts';
import { isAiBusy } from './ai-presence.ts';
import { MAX_REQUEST_CHARS } from './ask-ai.ts';
import { useAiPeers } from './useAiPeers.ts';
import { useAskAi } from './useAskAi.ts';

/** The first node of the user's canvas selection (as published in awareness), if it still exists. */
function selectedNode(session: ReturnType<typeof useEditor>['session']): { id: string; name: string } | null {
  const sel = (session.provider.awareness.getLocalState() as { selection?: unknown } | null)?.selection;
  const id = Array.isArray(sel) ? sel.find((s): s is string => typeof s === 'string') : undefined;
  const name = id ? nodeNameById(session.doc, id) : undefined;
  return id && name ? { id, name } : null;
}

/**
 * "Ask AI": a toolbar button and a popover with a request box. The AI co-author joins the document and writes its
 * suggestions there, so they appear for everyone; this box shows progress, the co-author's status and errors. It
 * closes once the AI placed suggestions, out of the way of their ghosts on the canvas.
 */
export function AskAiBox({ ask }: { ask?: Parameters<typeof useAskAi>[0] }) {
  const { session, workflowId, readOnly } = useEditor();
  const { open, closeAndFocusTrigger, popoverId, rootProps, triggerProps } = usePopover();
  const [text, setText] = useState('');
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const { state, submit, cancel } = useAskAi(ask);
  const aiPeers = useAiPeers(session.provider.awareness);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();

  useEffect(() => {
    if (!open) return;
    setTarget(selectedNode(session));
    inputRef.current?.focus();
  }, [open, session]);

  if (readOnly) return null;
  const asking = state.phase === 'asking';
  const tooLong = text.length > MAX_REQUEST_CHARS;
  const go = async () => {
    if (asking || tooLong) return;
    const node = selectedNode(session);
    setTarget(node);
    const outcome = await submit({ workflowId, selectedNodeId: node?.id, request: text });
    // Errors and "no suggestions" stay in the box, to fix the request and send it again.
    if (outcome?.phase === 'done' && outcome.count > 0) closeAndFocusTrigger();
  };
  const ai = aiPeers[0];
  return (
    <div className="relative" {...rootProps}>
      <Button
        {...triggerProps}
        size="sm"
        variant={open ? 'primary' : 'secondary'}
        aria-haspopup="dialog"
        data-testid="ai-ask-open"
        title="Ask the AI co-author for suggestions"
      >
        {asking || isAiBusy(aiPeers) ? (
          <span
            className={`size-3 animate-spin rounded-full border-2 border-t-transparent ${open ? 'border-violet-200' : 'border-violet-400'}`}
          />
        ) : (
          // Violet on the open (indigo) button would all but vanish.
          <span className={open ? 'text-violet-200' : 'text-violet-500'} aria-hidden="true">
            ✦
          </span>
        )}
        Ask AI
      </Button>
      {open && (
        // whitespace-normal: the header keeps its controls on one line with nowrap, which this box inherits.
        <div
          id={popoverId}
          className="absolute top-full right-0 z-50 mt-2 w-96 rounded-xl bg-white p-3 whitespace-normal shadow-xl ring-1 ring-slate-200"
          role="dialog"
          aria-label="Ask AI"
          data-testid="ai-ask-dialog"
        >
          <label htmlFor={inputId} className="text-xs font-semibold text-slate-800">
            What should the workflow do?
          </label>
          <textarea
            id={inputId}
            ref={inputRef}
            data-testid="ai-ask-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void go();
              }
            }}
            rows={4}
            placeholder="e.g. when a new order arrives by webhook, post the failed ones to the team's API and email me a summary"
            className="mt-1.5 w-full resize-y rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-violet-500 focus:outline-none"
          />
          <p className="mt-1 text-[11px] text-slate-500" data-testid="ai-ask-target">
            {target ? `Suggestions start after "${target.name}". ` : ''}
            {text.trim() ? 'Ctrl+Enter to send.' : 'Leave empty for next-step ideas for the selected node.'}
          </p>
          {tooLong && (
            <p className="mt-1 text-[11px] text-rose-700">
              Please keep it under {MAX_REQUEST_CHARS} characters.
            </p>
          )}
          {asking && (
            <p
              className="mt-2 flex items-center gap-2 text-xs text-slate-700"
              data-testid="ai-ask-progress"
              role="status"
            >
              <span className="size-3 animate-spin rounded-full border-2 border-violet-500 border-t-transparent" />
              {ai ? `${ai.name} is ${ai.status || 'working'}` : 'Asking the AI co-author…'}
            </p>
          )}
          {!asking && ai && (
            <p
              className="mt-2 flex items-center gap-1.5 text-[11px] text-slate-500"
              data-testid="ai-ask-status"
            >
              <span className="size-2 rounded-full" style={{ background: ai.color }} aria-hidden="true" />
              {ai.name} is in the document{ai.status ? ` (${ai.status})` : ''}
            </p>
          )}
          {state.phase === 'error' && (
            <p
              className="mt-2 rounded-md bg-rose-50 px-2 py-1.5 text-xs text-rose-700"
              role="alert"
              data-testid="ai-ask-error"
              data-code={state.code ?? ''}
            >
              {state.message}
            </p>
          )}
          {state.phase === 'done' && (
            <p
              className="mt-2 rounded-md bg-violet-50 px-2 py-1.5 text-xs text-violet-800"
              role="status"
              data-testid="ai-ask-result"
              data-count={state.count}
            >
              {state.message}
            </p>
          )}
          <div className="mt-3 flex justify-end gap-2">
            {asking && (
              <Button size="sm" variant="ghost" onClick={cancel} data-testid="ai-ask-cancel">
                Stop waiting
              </Button>
            )}
            <Button
              size="sm"
              variant="primary"
              onClick={go}
              busy={asking}
              disabled={tooLong}
              data-testid="ai-ask-submit"
            >
              {text.trim() ? 'Ask' : 'Suggest next steps'}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
