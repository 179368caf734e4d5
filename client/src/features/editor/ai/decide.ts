import { DocOpError, type DocOpInput, docParts, type OpResult } from '@tandem/shared/doc';
import type * as Y from 'yjs';
import { readSuggestion } from './suggestion-model.ts';

/** The part of the editor session that decides suggestions. */
export interface DecideTarget {
  doc: Y.Doc;
  apply(ops: DocOpInput[]): OpResult[];
}

const MESSAGES: Record<string, string> = {
  'suggestion-not-found': 'This suggestion no longer exists.',
  'suggestion-decided': 'Someone already decided this suggestion.',
  'node-not-found': 'A node this suggestion needs was removed meanwhile.',
  'duplicate-name': 'A node with one of the suggested names exists now; rename it or reject the suggestion.',
  'duplicate-id': 'One of the suggested nodes exists already.',
};

/**
 * Accepts or rejects a suggestion through the document's operations (one transaction, attributed to the user, on
 * the session's undo origin). Returns null on success or a sentence saying why it did not apply.
 * A stale suggestion is never accepted: its target changed meanwhile.
 * @example decideSuggestion(session, 's1', 'accept') // null
 */
export function decideSuggestion(
  target: DecideTarget,
  id: string,
  decision: 'accept' | 'reject',
): string | null {
  const current = readSuggestion(id, docParts(target.doc).suggestions.get(id));
  if (!current) return MESSAGES['suggestion-not-found'];
  if (current.status === 'accepted' || current.status === 'rejected') return MESSAGES['suggestion-decided'];
  if (decision === 'accept' && current.status === 'stale')
    return 'The workflow changed where this suggestion applies, so it cannot be accepted. Reject it or ask again.';
  try {
    target.apply([{ op: decision === 'accept' ? 'acceptSuggestion' : 'rejectSuggestion', suggestionId: id }]);
    return null;
  } catch (err) {
    if (err instanceof DocOpError)
      return MESSAGES[err.code] ?? `This suggestion cannot be applied: ${err.message}`;
    return 'This suggestion cannot be applied.';
  }
}

/**
 * Puts the `suggestions` area under the user's undo manager, so undoing an accept also returns the suggestion to
 * pending (its ghosts come back) and a rejection can be undone. Idempotent.
 * @example includeSuggestionsInUndo(session.undoManager, session.doc)
 */
export function includeSuggestionsInUndo(undoManager: Y.UndoManager, doc: Y.Doc): void {
  const map = docParts(doc).suggestions;
  if (!undoManager.scope.includes(map)) undoManager.addToScope(map);
}
