import { applyOps, type DocOpInput, docParts, docToWorkflow, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { installSuggestMode, toSuggestionOps } from './suggest-mode.ts';
import { readSuggestions } from './suggestion-model.ts';

const node = (id: string, name: string) => ({
  id,
  name,
  type: 'code',
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
});

describe('toSuggestionOps', () => {
  const id = () => 'sug1';
  it('turns node additions and their connections into one suggestion based on the existing nodes they touch', () => {
    const ops: DocOpInput[] = [
      { op: 'addNode', node: node('n2', 'Code') },
      { op: 'connect', edge: { source: 'n1', target: 'n2' } },
      { op: 'connect', edge: { source: 'n2', target: 'n3' } },
    ];
    expect(toSuggestionOps(ops, id, 'why')).toEqual([
      { op: 'addSuggestion', suggestion: { id: 'sug1', ops, rationale: 'why', basedOn: ['n1', 'n3'] } },
    ]);
  });
  it('leaves other edits (and empty or huge batches) alone', () => {
    expect(toSuggestionOps([{ op: 'moveNode', nodeId: 'n', position: [1, 1] }], id, '')).toBeNull();
    expect(
      toSuggestionOps(
        [
          { op: 'addNode', node: node('a', 'A') },
          { op: 'removeNode', nodeId: 'b' },
        ],
        id,
        '',
      ),
    ).toBeNull();
    expect(toSuggestionOps([], id, '')).toBeNull();
    expect(
      toSuggestionOps(
        Array.from({ length: 501 }, (_, i) => ({ op: 'addNode', node: node(`n${i}`, `N${i}`) })),
        id,
        '',
      ),
    ).toBeNull();
  });
});

describe('installSuggestMode', () => {
  function target() {
    const doc = workflowToDoc(WorkflowJson.parse({ name: 'w', nodes: [node('n1', 'Start')] }));
    const actor = { userId: 'u1', name: 'Ann' };
    return { doc, apply: (ops: DocOpInput[]) => applyOps(doc, ops, { actor }) };
  }

  it('routes additions into suggestions while on, other edits straight through, and restores on stop', () => {
    const t = target();
    let n = 0;
    const stop = installSuggestMode(t, () => `s${++n}`, '');
    const results = t.apply([
      { op: 'addNode', node: node('n2', 'Code') },
      { op: 'connect', edge: { source: 'n1', target: 'n2' } },
    ]);
    expect(results).toEqual([{}, {}]);
    expect(docToWorkflow(t.doc).nodes.map((x) => x.id)).toEqual(['n1']);
    const [s] = readSuggestions(docParts(t.doc).suggestions.entries());
    expect(s).toMatchObject({
      id: 's1',
      status: 'pending',
      basedOn: ['n1'],
      author: { userId: 'u1', name: 'Ann' },
    });
    expect(s.ops.map((o) => o.op)).toEqual(['addNode', 'connect']);

    t.apply([{ op: 'moveNode', nodeId: 'n1', position: [50, 60] }]);
    expect(docToWorkflow(t.doc).nodes[0].position).toEqual([50, 60]);
    expect(readSuggestions(docParts(t.doc).suggestions.entries())[0].status).toBe('pending');
    // Editing the node it connects to applies directly and marks the proposal stale, like any suggestion.
    t.apply([{ op: 'setParameter', nodeId: 'n1', path: ['jsCode'], value: 'return []' }]);
    expect(readSuggestions(docParts(t.doc).suggestions.entries())[0].status).toBe('stale');

    stop();
    t.apply([{ op: 'addNode', node: node('n3', 'Direct') }]);
    expect(docToWorkflow(t.doc).nodes.map((x) => x.id)).toEqual(['n1', 'n3']);
  });

  it('a proposal accepted by someone else adds the nodes', () => {
    const t = target();
    const stop = installSuggestMode(t, () => 'p1', '');
    t.apply([{ op: 'addNode', node: node('n2', 'Code') }]);
    stop();
    applyOps(t.doc, [{ op: 'acceptSuggestion', suggestionId: 'p1' }], { actor: { userId: 'u2' } });
    expect(docToWorkflow(t.doc).nodes.map((x) => x.name)).toEqual(['Start', 'Code']);
  });
});
