import * as Y from 'yjs';
import { newId } from '../util/ids.ts';
import type { OpContext, OpResult } from './graph-ops.ts';
import { docParts } from './layout.ts';
import { type Actor, DocOpError, GraphOp, type SocialOp } from './ops.ts';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'stale';

/** A suggestion as stored (plain object) in `suggestions`. */
export type Suggestion = {
  id: string;
  ops: GraphOp[];
  rationale: string;
  basedOn: string[];
  fixes?: { node: string; message: string };
  author: Actor;
  createdAt: number;
  status: SuggestionStatus;
  decidedBy?: Actor;
  decidedAt?: number;
};

/** One message of a comment thread (plain object in the thread's `messages` Y.Array). */
export type CommentMessage = { id: string; author: Actor; text: string; mentions: string[]; at: number };

/** Reads a suggestion, or throws `suggestion-not-found`. */
export function getSuggestion(doc: Y.Doc, id: string): Suggestion {
  const s = docParts(doc).suggestions.get(id) as Suggestion | undefined;
  if (!s || typeof s !== 'object' || !Array.isArray(s.ops)) {
    throw new DocOpError('suggestion-not-found', `suggestion "${id}" does not exist`);
  }
  return s;
}

function threadOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const t = docParts(doc).comments.get(id);
  if (!(t instanceof Y.Map)) throw new DocOpError('thread-not-found', `thread "${id}" does not exist`);
  return t;
}

/**
 * Applies one comment/suggestion op. `applyGraph` applies the ops of an accepted suggestion.
 * Must be called inside a transaction.
 */
export function applySocialOp(
  doc: Y.Doc,
  op: SocialOp,
  ctx: OpContext,
  applyGraph: (op: GraphOp) => void,
): OpResult {
  const p = docParts(doc);
  const actor = { ...ctx.actor };
  switch (op.op) {
    case 'createThread': {
      if (p.comments.has(op.threadId)) throw new DocOpError('duplicate-id', `thread "${op.threadId}" exists`);
      const thread = new Y.Map<unknown>();
      const messages = new Y.Array<CommentMessage>();
      messages.push([{ id: newId(), author: actor, text: op.text, mentions: op.mentions, at: ctx.now }]);
      thread.set('id', op.threadId);
      thread.set('nodeId', op.nodeId);
      thread.set('author', actor);
      thread.set('createdAt', ctx.now);
      thread.set('resolved', false);
      thread.set('messages', messages);
      p.comments.set(op.threadId, thread);
      return {};
    }
    case 'reply': {
      const messages = threadOf(doc, op.threadId).get('messages');
      if (!(messages instanceof Y.Array)) throw new DocOpError('thread-not-found', 'thread has no messages');
      messages.push([{ id: newId(), author: actor, text: op.text, mentions: op.mentions, at: ctx.now }]);
      return {};
    }
    case 'resolveThread': {
      const thread = threadOf(doc, op.threadId);
      thread.set('resolved', op.resolved);
      thread.set('resolvedBy', op.resolved ? actor : null);
      thread.set('resolvedAt', op.resolved ? ctx.now : null);
      return {};
    }
    case 'addSuggestion': {
      if (p.suggestions.has(op.suggestion.id)) throw new DocOpError('duplicate-id', 'suggestion exists');
      const s: Suggestion = { ...op.suggestion, author: actor, createdAt: ctx.now, status: 'pending' };
      p.suggestions.set(s.id, s);
      return {};
    }
    case 'acceptSuggestion': {
      const s = getSuggestion(doc, op.suggestionId);
      if (s.status === 'accepted' || s.status === 'rejected') {
        throw new DocOpError('suggestion-decided', `suggestion already ${s.status}`);
      }
      for (const g of s.ops) applyGraph(GraphOp.parse(g));
      p.suggestions.set(s.id, { ...s, status: 'accepted', decidedBy: actor, decidedAt: ctx.now });
      return {};
    }
    case 'rejectSuggestion':
    case 'markSuggestionStale': {
      const s = getSuggestion(doc, op.suggestionId);
      if (s.status === 'accepted' || s.status === 'rejected') return {};
      const status = op.op === 'rejectSuggestion' ? 'rejected' : 'stale';
      p.suggestions.set(s.id, { ...s, status, decidedBy: actor, decidedAt: ctx.now });
      return {};
    }
  }
}

/** Marks pending suggestions based on any of `touched` nodes as stale (the graph changed under them). */
export function markStale(doc: Y.Doc, touched: Set<string>, ctx: OpContext, except?: string): void {
  if (touched.size === 0) return;
  const p = docParts(doc);
  for (const [id, raw] of p.suggestions) {
    const s = raw as Suggestion;
    if (id === except || !s || s.status !== 'pending' || !Array.isArray(s.basedOn)) continue;
    if (s.basedOn.some((n) => touched.has(n))) {
      p.suggestions.set(id, { ...s, status: 'stale', decidedAt: ctx.now });
    }
  }
}
