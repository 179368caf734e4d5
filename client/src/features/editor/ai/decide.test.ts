import { applyOps, type DocOpInput, docParts, docToWorkflow, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decideSuggestion, includeSuggestionsInUndo } from './decide.ts';
import { readSuggestion } from './suggestion-model.ts';

const ai = { userId: 'ai:coauthor', name: 'AI co-author' };

/** A session like the editor's: one doc, this user's origin, an undo manager tracking only that origin. */
function session() {
  const doc = workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: [
        { id: 'a', name: 'Webhook', type: 'webhook', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
    }),
  );
  const origin = { user: 'u1' };
  const p = docParts(doc);
  const undoManager = new Y.UndoManager([p.nodes, p.edges, p.pinData, p.meta], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
  const actor = { userId: 'u1', name: 'Ann' };
  const apply = (ops: DocOpInput[]) => applyOps(doc, ops, { actor, origin });
  applyOps(
    doc,
    [
      {
        op: 'addSuggestion',
        suggestion: {
          id: 's1',
          rationale: 'call the API',
          basedOn: ['a'],
          ops: [
            {
              op: 'addNode',
              node: {
                id: 'g1',
                name: 'HTTP Request',
                type: 'httpRequest',
                typeVersion: 1,
                position: [300, 0],
                parameters: {},
              },
            },
            { op: 'connect', edge: { source: 'a', target: 'g1' } },
          ],
        },
      },
    ],
    { actor: ai },
  );
  return { doc, undoManager, apply, origin };
}

const status = (doc: Y.Doc, id = 's1') => readSuggestion(id, docParts(doc).suggestions.get(id))?.status;

describe('decideSuggestion', () => {
  it('accepts in one transaction attributed to the user, and one undo takes it all back', () => {
    const s = session();
    includeSuggestionsInUndo(s.undoManager, s.doc);
    let transactions = 0;
    s.doc.on('afterTransaction', () => {
      transactions += 1;
    });
    expect(decideSuggestion(s, 's1', 'accept')).toBeNull();
    expect(transactions).toBe(1);
    const wf = docToWorkflow(s.doc);
    expect(wf.nodes.map((n) => n.name)).toEqual(['Webhook', 'HTTP Request']);
    expect(wf.connections.Webhook.main[0]).toEqual([{ node: 'HTTP Request', type: 'main', index: 0 }]);
    const stored = readSuggestion('s1', docParts(s.doc).suggestions.get('s1'));
    expect(stored).toMatchObject({ status: 'accepted', decidedBy: { userId: 'u1', name: 'Ann' } });
    const attr = docParts(s.doc).nodes.get('g1')?.get('$attr') as Y.Map<{ userId: string }> | undefined;
    expect(attr?.get('node')?.userId).toBe('u1');

    s.undoManager.undo();
    expect(docToWorkflow(s.doc).nodes.map((n) => n.name)).toEqual(['Webhook']);
    // With the suggestions area in the undo scope, the ghosts come back instead of vanishing.
    expect(status(s.doc)).toBe('pending');
    s.undoManager.redo();
    expect(docToWorkflow(s.doc).nodes).toHaveLength(2);
    expect(status(s.doc)).toBe('accepted');
  });

  it('never accepts a stale suggestion but lets it be dismissed', () => {
    const s = session();
    // Someone edits the node the suggestion was based on: the doc marks it stale.
    s.apply([{ op: 'renameNode', nodeId: 'a', name: 'Orders' }]);
    expect(status(s.doc)).toBe('stale');
    expect(decideSuggestion(s, 's1', 'accept')).toMatch(/cannot be accepted/);
    expect(docParts(s.doc).nodes.has('g1')).toBe(false);
    expect(decideSuggestion(s, 's1', 'reject')).toBeNull();
    expect(status(s.doc)).toBe('rejected');
  });

  it('explains decided, missing and conflicting suggestions instead of throwing', () => {
    const s = session();
    expect(decideSuggestion(s, 'nope', 'accept')).toMatch(/no longer exists/);
    expect(decideSuggestion(s, 's1', 'reject')).toBeNull();
    expect(decideSuggestion(s, 's1', 'accept')).toMatch(/already decided/);
    // A node took the suggested name meanwhile: nothing is applied, the doc is unchanged.
    const t = session();
    t.apply([
      {
        op: 'addNode',
        node: {
          id: 'x',
          name: 'HTTP Request',
          type: 'code',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
      },
    ]);
    const before = Y.encodeStateVector(t.doc);
    expect(decideSuggestion(t, 's1', 'accept')).toMatch(/names exists now/);
    expect(Y.encodeStateVector(t.doc)).toEqual(before);
    expect(status(t.doc)).toBe('pending');
  });

  it('adds the suggestions area to the undo scope once', () => {
    const s = session();
    includeSuggestionsInUndo(s.undoManager, s.doc);
    includeSuggestionsInUndo(s.undoManager, s.doc);
    expect(s.undoManager.scope.filter((t) => t === docParts(s.doc).suggestions)).toHaveLength(1);
  });
});
