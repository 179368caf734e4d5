import { newId } from '@tandem/shared/util';
import { useState } from 'react';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { inputClass } from '../../../ui/Field.tsx';
import { relativeTime } from '../../../ui/format.ts';
import { useEditor } from '../editor-context.ts';
import { mentionsIn, type ThreadView } from './read-comments.ts';

type Person = { id: string; name: string };

/** Comment threads pinned to one node: start a thread, reply, resolve/reopen, @mention people. */
export function CommentsPanel({
  nodeId,
  threads,
  people,
}: {
  nodeId: string;
  threads: ThreadView[];
  people: Person[];
}) {
  const { session, readOnly } = useEditor();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = threads.filter((t) => t.nodeId === nodeId);
  const apply = (op: Parameters<typeof session.apply>[0][number]) => {
    try {
      session.apply([op]);
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  const start = () => {
    const t = text.trim();
    if (!t) return;
    if (
      apply({
        op: 'createThread',
        threadId: newId(),
        nodeId,
        text: t.slice(0, 10_000),
        mentions: mentionsIn(t, people),
      })
    )
      setText('');
  };
  return (
    <div className="space-y-4" data-testid="comments-panel">
      {mine.length === 0 && <p className="text-sm text-slate-500">No comments on this node yet.</p>}
      {mine.map((t) => (
        <Thread key={t.id} thread={t} people={people} readOnly={readOnly} apply={apply} />
      ))}
      {!readOnly && (
        <div className="space-y-2 border-t border-slate-100 pt-3">
          <textarea
            className={inputClass}
            rows={3}
            placeholder="Comment on this node… (@name to mention)"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) start();
            }}
            data-testid="comment-new-text"
          />
          <Button
            size="sm"
            variant="primary"
            onClick={start}
            disabled={!text.trim()}
            data-testid="comment-new-submit"
          >
            Comment
          </Button>
        </div>
      )}
      {error && <p className="text-xs text-rose-600">{error}</p>}
    </div>
  );
}

function Thread({
  thread,
  people,
  readOnly,
  apply,
}: {
  thread: ThreadView;
  people: Person[];
  readOnly: boolean;
  apply: (op: never) => boolean;
}) {
  const [reply, setReply] = useState('');
  const send = () => {
    const t = reply.trim();
    if (
      t &&
      apply({
        op: 'reply',
        threadId: thread.id,
        text: t.slice(0, 10_000),
        mentions: mentionsIn(t, people),
      } as never)
    )
      setReply('');
  };
  return (
    <div
      className={`rounded-lg p-3 ring-1 ${thread.resolved ? 'bg-slate-50 ring-slate-200 opacity-70' : 'bg-white ring-slate-200'}`}
      data-testid="comment-thread"
      data-resolved={thread.resolved}
    >
      <ul className="space-y-2.5">
        {thread.messages.map((m) => (
          <li key={m.id} className="flex gap-2" data-testid="comment-message">
            <Avatar name={m.authorName} id={m.authorId || m.authorName} size={22} />
            <div className="min-w-0">
              <p className="text-xs">
                <span className="font-medium text-slate-800">{m.authorName}</span>{' '}
                <span className="text-slate-400">{relativeTime(m.at)}</span>
              </p>
              <p className="text-sm break-words whitespace-pre-wrap text-slate-700">{m.text}</p>
            </div>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex items-center gap-2">
        {thread.resolved && (
          <span className="text-xs text-slate-500">
            Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy}` : ''}
          </span>
        )}
        {!readOnly && (
          <button
            type="button"
            className="ml-auto text-xs text-indigo-600 hover:underline"
            onClick={() =>
              apply({ op: 'resolveThread', threadId: thread.id, resolved: !thread.resolved } as never)
            }
            data-testid="comment-resolve"
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </div>
      {!readOnly && !thread.resolved && (
        <div className="mt-2 flex gap-1.5">
          <input
            className={inputClass}
            placeholder="Reply…"
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && send()}
            data-testid="comment-reply-text"
          />
          <Button size="sm" onClick={send} disabled={!reply.trim()} data-testid="comment-reply-submit">
            Reply
          </Button>
        </div>
      )}
    </div>
  );
}
