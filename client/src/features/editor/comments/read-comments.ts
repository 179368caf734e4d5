import { docParts } from '@tandem/shared/doc';
import * as Y from 'yjs';

export interface CommentView {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  mentions: string[];
  at: number;
}

export interface ThreadView {
  id: string;
  nodeId: string | null;
  resolved: boolean;
  resolvedBy: string | null;
  createdAt: number;
  messages: CommentView[];
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/**
 * Comment threads of the document, oldest first, in a safe shape (a peer may have written anything).
 * @example readThreads(doc).filter((t) => t.nodeId === 'n1' && !t.resolved)
 */
export function readThreads(doc: Y.Doc): ThreadView[] {
  const out: ThreadView[] = [];
  for (const [id, t] of docParts(doc).comments.entries()) {
    if (!(t instanceof Y.Map)) continue;
    const msgs = t.get('messages');
    const messages: CommentView[] = [];
    if (msgs instanceof Y.Array) {
      for (const m of msgs.toArray() as Record<string, unknown>[]) {
        if (!m || typeof m !== 'object' || typeof m.text !== 'string') continue;
        const author = (m.author ?? {}) as Record<string, unknown>;
        messages.push({
          id: str(m.id, `${id}-${messages.length}`),
          authorId: str(author.userId),
          authorName: str(author.name, 'Someone'),
          text: m.text,
          mentions: Array.isArray(m.mentions)
            ? m.mentions.filter((x): x is string => typeof x === 'string')
            : [],
          at: typeof m.at === 'number' ? m.at : 0,
        });
      }
    }
    if (messages.length === 0) continue;
    const nodeId = t.get('nodeId');
    const resolvedBy = t.get('resolvedBy') as { name?: unknown } | null | undefined;
    out.push({
      id,
      nodeId: typeof nodeId === 'string' ? nodeId : null,
      resolved: t.get('resolved') === true,
      resolvedBy: resolvedBy && typeof resolvedBy.name === 'string' ? resolvedBy.name : null,
      createdAt: typeof t.get('createdAt') === 'number' ? (t.get('createdAt') as number) : messages[0].at,
      messages,
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

/** Open (unresolved) thread count per node id. */
export function openCounts(threads: ThreadView[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of threads) if (t.nodeId && !t.resolved) m.set(t.nodeId, (m.get(t.nodeId) ?? 0) + 1);
  return m;
}

/**
 * User ids mentioned as `@Name` in a comment, matched against the people known to the editor (longest names
 * first, so "@Ada Lovelace" wins over "@Ada"). Case-insensitive; a name must end at a word boundary.
 * @example mentionsIn('thanks @Ada Lovelace!', [{ id: 'u1', name: 'Ada Lovelace' }]) // ['u1']
 */
export function mentionsIn(text: string, people: { id: string; name: string }[]): string[] {
  const found = new Set<string>();
  const lower = text.toLowerCase();
  const sorted = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  for (let i = lower.indexOf('@'); i >= 0; i = lower.indexOf('@', i + 1)) {
    for (const p of sorted) {
      const name = p.name.toLowerCase();
      const after = lower[i + 1 + name.length];
      if (lower.startsWith(name, i + 1) && (after === undefined || !/[\p{L}\p{N}_]/u.test(after))) {
        found.add(p.id);
        break;
      }
    }
  }
  return [...found];
}
