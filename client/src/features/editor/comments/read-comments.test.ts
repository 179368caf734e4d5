import { applyOps, docParts, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mentionsIn, openCounts, readThreads } from './read-comments.ts';

const doc = () =>
  workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: [{ id: 'n1', name: 'A', type: 'noOp', typeVersion: 1, position: [0, 0], parameters: {} }],
    }),
  );

describe('comments', () => {
  it('reads threads with replies, resolution and per-node open counts', () => {
    const d = doc();
    const ada = { actor: { userId: 'u1', name: 'Ada' }, now: 1000 };
    const bob = { actor: { userId: 'u2', name: 'Bob' }, now: 2000 };
    applyOps(
      d,
      [{ op: 'createThread', threadId: 't1', nodeId: 'n1', text: 'Why a NoOp?', mentions: ['u2'] }],
      ada,
    );
    applyOps(d, [{ op: 'reply', threadId: 't1', text: 'Placeholder', mentions: [] }], bob);
    applyOps(d, [{ op: 'createThread', threadId: 't2', nodeId: 'n1', text: 'done', mentions: [] }], bob);
    applyOps(d, [{ op: 'resolveThread', threadId: 't2' }], ada);
    const threads = readThreads(d);
    expect(threads.map((t) => [t.id, t.resolved, t.messages.length])).toEqual([
      ['t1', false, 2],
      ['t2', true, 1],
    ]);
    expect(threads[0].messages[1]).toMatchObject({ authorName: 'Bob', text: 'Placeholder', authorId: 'u2' });
    expect(threads[0].messages[0].mentions).toEqual(['u2']);
    expect(threads[1].resolvedBy).toBe('Ada');
    expect(openCounts(threads)).toEqual(new Map([['n1', 1]]));
  });

  it('skips malformed threads written by a bad peer', () => {
    const d = doc();
    const c = docParts(d).comments;
    c.set('x', 5 as never);
    const t = new Y.Map<unknown>();
    t.set('messages', Y.Array.from([{ text: 7 }, null, { text: 'ok', author: 'weird' }]) as never);
    c.set('y', t);
    const threads = readThreads(d);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: 'y', nodeId: null, resolved: false });
    expect(threads[0].messages).toEqual([expect.objectContaining({ text: 'ok', authorName: 'Someone' })]);
  });

  it('finds @mentions of known people, longest name first, at word boundaries', () => {
    const people = [
      { id: 'u1', name: 'Ada' },
      { id: 'u2', name: 'Ada Lovelace' },
      { id: 'u3', name: 'Bob' },
    ];
    expect(mentionsIn('hey @Ada Lovelace, see this', people)).toEqual(['u2']);
    expect(mentionsIn('@ada and @BOB!', people).sort()).toEqual(['u1', 'u3']);
    expect(mentionsIn('@Bobby is not Bob', people)).toEqual([]);
    expect(mentionsIn('mail me at x@y.z', people)).toEqual([]);
  });
});
