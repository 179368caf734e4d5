import { applyOps, docToWorkflow, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { parseFragment, pasteOps, selectionFragment } from './clipboard.ts';

const wf = WorkflowJson.parse({
  name: 'w',
  nodes: [
    { id: 'a', name: 'Trigger', type: 'manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 'b',
      name: 'Code',
      type: 'code',
      typeVersion: 2,
      position: [200, 40],
      parameters: { jsCode: 'return $input.all();' },
    },
    { id: 'c', name: 'If', type: 'if', typeVersion: 2, position: [400, 0], parameters: {} },
  ],
  connections: {
    Trigger: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
    Code: { main: [[{ node: 'If', type: 'main', index: 0 }]] },
  },
});

let n = 0;
const ids = () => `new${++n}`;

describe('copy', () => {
  it('keeps the selected nodes and only the connections between them', () => {
    const frag = selectionFragment(docToWorkflow(workflowToDoc(wf)), new Set(['b', 'c']));
    expect(frag.nodes.map((x) => x.name)).toEqual(['Code', 'If']);
    expect(Object.keys(frag.connections)).toEqual(['Code']);
    expect(frag.connections.Code.main[0]).toEqual([{ node: 'If', type: 'main', index: 0 }]);
  });

  it('drops connections to unselected nodes', () => {
    const frag = selectionFragment(wf, new Set(['a', 'c']));
    expect(frag.connections.Trigger.main[0]).toEqual([]);
  });
});

describe('paste', () => {
  it('adds copies with fresh ids and unique names, rewired, placed at the target point', () => {
    const doc = workflowToDoc(wf);
    const frag = parseFragment(JSON.stringify(selectionFragment(docToWorkflow(doc), new Set(['b', 'c']))))!;
    const { ops, ids: newIds } = pasteOps(frag, new Set(['Trigger', 'Code', 'If']), [1000, 500], ids);
    applyOps(doc, ops, { actor: { userId: 'u1' } });
    const after = docToWorkflow(doc);
    expect(after.nodes).toHaveLength(5);
    const pasted = after.nodes.filter((x) => newIds.includes(x.id));
    expect(pasted.map((x) => x.name).sort()).toEqual(['Code1', 'If1']);
    expect(pasted.find((x) => x.name === 'Code1')!.position).toEqual([1000, 540]);
    expect(pasted.find((x) => x.name === 'If1')!.position).toEqual([1200, 500]);
    expect(pasted.find((x) => x.name === 'Code1')!.parameters.jsCode).toBe('return $input.all();');
    expect(after.connections.Code1.main[0]).toEqual([{ node: 'If1', type: 'main', index: 0 }]);
    // The originals are untouched.
    expect(after.connections.Code.main[0]).toEqual([{ node: 'If', type: 'main', index: 0 }]);
  });

  it('pastes into another workflow (copy between workflows)', () => {
    const other = workflowToDoc(WorkflowJson.parse({ name: 'other', nodes: [] }));
    const frag = selectionFragment(wf, new Set(['a', 'b', 'c']));
    const { ops } = pasteOps(frag, new Set(), [0, 0], ids);
    applyOps(other, ops, { actor: { userId: 'u1' } });
    const out = docToWorkflow(other);
    expect(out.nodes.map((x) => x.name).sort()).toEqual(['Code', 'If', 'Trigger']);
    expect(out.connections.Trigger.main[0]?.[0].node).toBe('Code');
  });

  it('rejects text that is not a workflow fragment', () => {
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"nodes": 3}')).toBeNull();
    expect(parseFragment('{"nodes": [{"foo": 1}]}')).toBeNull();
    expect(parseFragment('[]')).toBeNull();
  });

  it('survives junk inside a fragment (bad positions, connections to nowhere, duplicate names)', () => {
    const frag = parseFragment(
      JSON.stringify({
        nodes: [
          { name: 'A', type: 'noOp', position: 'x' },
          { name: 'A', type: 'noOp', position: [5, 5] },
          { name: 'B', type: 'noOp', typeVersion: -3 },
        ],
        connections: {
          A: {
            main: [
              [
                { node: 'Ghost', type: 'main', index: 0 },
                { node: 'B', index: 0 },
              ],
            ],
          },
          Z: 5,
        },
      }),
    )!;
    const { ops } = pasteOps(frag, new Set(), [0, 0], ids);
    const doc = workflowToDoc(WorkflowJson.parse({ name: 'x', nodes: [] }));
    applyOps(doc, ops, { actor: { userId: 'u1' } });
    const out = docToWorkflow(doc);
    expect(out.nodes.map((x) => x.name).sort()).toEqual(['A', 'B']);
    expect(out.nodes.find((x) => x.name === 'B')!.typeVersion).toBe(1);
    expect(out.connections.A.main[0]).toEqual([{ node: 'B', type: 'main', index: 0 }]);
  });
});
