import { applyOps, type DocOpInput, docParts, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { act, type ReactNode } from 'react';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { EditorContext, type EditorContextValue } from '../editor-context.ts';

/**
 * An editor session as the AI UI uses it, on a real Y.Doc, a real awareness and an undo manager set up like the
 * editor's (only this user's origin is tracked). No network.
 */
export function testSession(nodes: { id: string; name: string; type?: string }[] = []) {
  const doc = workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: nodes.map((n, i) => ({
        id: n.id,
        name: n.name,
        type: n.type ?? 'code',
        typeVersion: 1,
        position: [i * 300, 0],
        parameters: {},
      })),
    }),
  );
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { id: 'u1', name: 'Ann', color: '#0284c7' }, selection: [] });
  const origin = { user: 'u1' };
  const p = docParts(doc);
  const undoManager = new Y.UndoManager([p.nodes, p.edges, p.pinData, p.meta], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
  const actor = { userId: 'u1', name: 'Ann' };
  const session = {
    doc,
    provider: { awareness },
    origin,
    undoManager,
    user: { id: 'u1', name: 'Ann' },
    color: '#0284c7',
    onDurable: new Set(),
    onRefused: new Set(),
    apply: (ops: DocOpInput[]) => applyOps(doc, ops, { actor, origin }),
    destroy: () => awareness.destroy(),
  };
  return session;
}

export type TestSession = ReturnType<typeof testSession>;

/** Wraps UI in the editor context of a test session. */
export function withEditor(session: TestSession, ui: ReactNode, readOnly = false): ReactNode {
  const value = {
    session: session as unknown as EditorContextValue['session'],
    workflowId: 'wf1',
    readOnly,
    descriptions: new Map(),
  } satisfies EditorContextValue;
  return <EditorContext.Provider value={value}>{ui}</EditorContext.Provider>;
}

/** Lets animation-frame batching and pending promises settle inside act. */
export async function settle(ms = 40): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

/** The AI co-author writes a suggestion (as the worker's co-author does, through applyOps). */
export function aiSuggests(doc: Y.Doc, id: string, ops: unknown[], basedOn: string[] = []): void {
  applyOps(
    doc,
    [{ op: 'addSuggestion', suggestion: { id, ops: ops as never, rationale: `why ${id}`, basedOn } }],
    {
      actor: { userId: 'ai:coauthor', name: 'AI co-author' },
    },
  );
}

/** An `addNode` op of an "HTTP Request" node `g1`, the node the tests' suggestions add. */
export function addHttpRequest(position: [number, number] = [300, 0]) {
  return {
    op: 'addNode',
    node: { id: 'g1', name: 'HTTP Request', type: 'httpRequest', typeVersion: 1, position, parameters: {} },
  };
}

/** Another client's awareness (e.g. the AI co-author) made visible in `target` the way the provider relays it. */
export function remotePeer(target: Awareness, state: Record<string, unknown>): Awareness {
  const other = new Awareness(new Y.Doc());
  other.setLocalState(state);
  const relay = () => {
    applyAwarenessUpdate(target, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
  };
  other.on('update', relay);
  relay();
  return other;
}
