import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkflowJson } from '../schema/workflow.ts';
import { workflowJson } from './arbitraries.test-util.ts';
import { docToWorkflow, workflowToDoc } from './convert.ts';
import { docParts } from './layout.ts';
import { clonePlain } from './values.ts';

function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('workflow JSON ⇄ document', () => {
  it('is lossless for random valid workflows, also after a round trip through a Yjs update', () => {
    fc.assert(
      fc.property(workflowJson, (wf) => {
        // Lossless except for `__proto__` keys in plain values, which Yjs cannot carry between replicas (clonePlain).
        const expected = clonePlain(wf);
        const doc = workflowToDoc(wf);
        expect(docToWorkflow(doc)).toEqual(expected);
        const copy = replica(doc);
        expect(JSON.stringify(docToWorkflow(copy))).toBe(JSON.stringify(docToWorkflow(doc)));
        expect(docToWorkflow(copy)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps null output slots, empty slots and dangling connections exactly', () => {
    const wf = WorkflowJson.parse({
      name: 'w',
      nodes: [
        { id: 'a', name: 'A', type: 'code', typeVersion: 1, position: [0, 0] },
        { id: 'b', name: 'B', type: 'code', typeVersion: 1, position: [1, 0] },
      ],
      connections: {
        A: {
          main: [
            null,
            [],
            [
              { node: 'B', type: 'main', index: 0 },
              { node: 'Gone', type: 'main', index: 1 },
            ],
          ],
        },
        Ghost: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
        B: {},
      },
    });
    expect(docToWorkflow(workflowToDoc(wf))).toEqual(wf);
  });

  it('stores code as Y.Text and parameters as nested maps', () => {
    const wf = WorkflowJson.parse({
      name: 'w',
      nodes: [
        {
          id: 'a',
          name: 'A',
          type: 'code',
          typeVersion: 1,
          position: [0, 0],
          parameters: { jsCode: 'return 1', options: { x: 1 }, list: [1, 2] },
        },
      ],
    });
    const params = docParts(workflowToDoc(wf)).nodes.get('a')!.get('parameters') as Y.Map<unknown>;
    expect(params.get('jsCode')).toBeInstanceOf(Y.Text);
    expect(params.get('options')).toBeInstanceOf(Y.Map);
    expect(params.get('list')).toBeInstanceOf(Y.Array);
  });

  it('rejects duplicate node ids and tolerates garbage written by a peer', () => {
    const node = { id: 'a', name: 'A', type: 'code', typeVersion: 1, position: [0, 0] };
    expect(() => workflowToDoc(WorkflowJson.parse({ name: 'w', nodes: [node, node] }))).toThrow(/duplicate/);
    const doc = workflowToDoc(WorkflowJson.parse({ name: 'w', nodes: [node] }));
    const p = docParts(doc);
    (p.nodes as Y.Map<unknown>).set('junk', 42);
    (p.edges as Y.Map<unknown>).set('e', { source: 'a', type: 'main', sourceOutput: 1e9 });
    p.meta.set('name', 5);
    const wf = docToWorkflow(doc);
    expect(wf.nodes.map((n) => n.id)).toEqual(['a']);
    expect(wf.connections).toEqual({});
  });
});
