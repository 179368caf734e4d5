import { applyOps, docParts, type GraphOp, workflowToDoc } from '@tandem/shared/doc';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import {
  canAccept,
  canReject,
  describeOp,
  ghostsOf,
  namesWithGhosts,
  readSuggestion,
  readSuggestions,
  type SuggestionView,
  suggestionPlaces,
} from './suggestion-model.ts';

const ai = { userId: 'ai:coauthor', name: 'AI co-author' };

function docWithTwoNodes() {
  return workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: [
        { id: 'a', name: 'Webhook', type: 'webhook', typeVersion: 1, position: [0, 0], parameters: {} },
        { id: 'b', name: 'Code', type: 'code', typeVersion: 1, position: [300, 0], parameters: {} },
      ],
    }),
  );
}

const addHttp = {
  op: 'addNode' as const,
  node: {
    id: 'g1',
    name: 'HTTP Request',
    type: 'httpRequest',
    typeVersion: 1,
    position: [600, 40] as [number, number],
    parameters: {},
  },
};

describe('readSuggestions', () => {
  it('reads what applyOps stores, oldest first, and flags the AI author', () => {
    const doc = docWithTwoNodes();
    applyOps(
      doc,
      [
        {
          op: 'addSuggestion',
          suggestion: { id: 's2', ops: [addHttp], rationale: 'call the API', basedOn: ['b'] },
        },
      ],
      {
        actor: ai,
        now: 2000,
      },
    );
    applyOps(
      doc,
      [
        {
          op: 'addSuggestion',
          suggestion: { id: 's1', ops: [{ op: 'moveNode', nodeId: 'a', position: [5, 5] }] },
        },
      ],
      { actor: { userId: 'u1', name: 'Ann' }, now: 1000 },
    );
    const list = readSuggestions(docParts(doc).suggestions.entries());
    expect(list.map((s) => [s.id, s.status, s.byAi])).toEqual([
      ['s1', 'pending', false],
      ['s2', 'pending', true],
    ]);
    expect(list[1]).toMatchObject({ rationale: 'call the API', basedOn: ['b'], author: ai, createdAt: 2000 });
  });

  it('skips entries of the wrong shape that a buggy peer could write', () => {
    const good = {
      id: 'x',
      ops: [],
      rationale: 'r',
      basedOn: [],
      author: ai,
      createdAt: 1,
      status: 'pending',
    };
    const entries: [string, unknown][] = [
      ['null', null],
      ['str', 'hello'],
      ['noOps', { ...good, ops: 'nope' }],
      ['noAuthor', { ...good, author: { name: 'x' } }],
      ['badStatus', { ...good, status: 'maybe' }],
      [
        'ok',
        {
          ...good,
          ops: [null, 3, { op: 'moveNode', nodeId: 'a', position: [0, 0] }],
          basedOn: ['a', 7],
          rationale: 5,
        },
      ],
    ];
    const list = readSuggestions(entries);
    expect(list.map((s) => s.id)).toEqual(['ok']);
    expect(list[0].ops).toHaveLength(1);
    expect(list[0].basedOn).toEqual(['a']);
    expect(list[0].rationale).toBe('');
    expect(
      readSuggestion('d', { ...good, status: 'accepted', decidedBy: { userId: 'u2' }, decidedAt: 9 }),
    ).toMatchObject({
      decidedBy: { userId: 'u2' },
      decidedAt: 9,
    });
  });
});

describe('permissions', () => {
  it('lets editors accept only pending suggestions and reject pending or stale ones; viewers neither', () => {
    const table = (['pending', 'stale', 'accepted', 'rejected'] as const).map((status) => [
      status,
      canAccept({ status }, false),
      canReject({ status }, false),
      canAccept({ status }, true) || canReject({ status }, true),
    ]);
    expect(table).toEqual([
      ['pending', true, true, false],
      ['stale', false, true, false],
      ['accepted', false, false, false],
      ['rejected', false, false, false],
    ]);
  });
});

function view(partial: Partial<SuggestionView> & Pick<SuggestionView, 'id' | 'ops'>): SuggestionView {
  return { rationale: '', basedOn: [], author: ai, createdAt: 0, status: 'pending', byAi: true, ...partial };
}

describe('ghostsOf', () => {
  it('draws added nodes and connections of pending suggestions, and marks nodes they change', () => {
    const s = view({
      id: 's1',
      rationale: 'post failed orders',
      ops: [
        addHttp,
        {
          op: 'connect',
          edge: {
            source: 'b',
            target: 'g1',
            sourceOutput: 1,
            targetInput: 0,
            type: 'main',
            targetType: 'main',
          },
        },
        { op: 'setParameter', nodeId: 'a', path: ['path'], value: 'orders' },
        { op: 'setNodeField', nodeId: 'a', field: 'retryOnFail', value: true },
      ],
    });
    const g = ghostsOf([s], new Set(['a', 'b']));
    expect(g.nodes).toEqual([
      {
        suggestionId: 's1',
        id: 'g1',
        name: 'HTTP Request',
        type: 'httpRequest',
        x: 600,
        y: 40,
        author: 'AI co-author',
        byAi: true,
        rationale: 'post failed orders',
      },
    ]);
    expect(g.edges).toEqual([
      { suggestionId: 's1', id: 's1:1', source: 'b', target: 'g1', sourceOutput: 1, targetInput: 0 },
    ]);
    expect(g.changes).toEqual([{ suggestionId: 's1', nodeId: 'a', author: 'AI co-author', byAi: true }]);
  });

  it('draws nothing for decided or stale suggestions, nor edges to nodes that are gone', () => {
    const ops = [addHttp, { op: 'connect', edge: { source: 'gone', target: 'g1' } }] as GraphOp[];
    expect(ghostsOf([view({ id: 'x', ops })], new Set()).edges).toEqual([]);
    for (const status of ['stale', 'accepted', 'rejected'] as const) {
      const g = ghostsOf([view({ id: 'x', ops, status })], new Set());
      expect(g.nodes.length + g.edges.length + g.changes.length).toBe(0);
    }
    // A node that exists already (the suggestion was applied) is not drawn twice.
    expect(ghostsOf([view({ id: 'x', ops })], new Set(['g1'])).nodes).toEqual([]);
  });

  it('survives hostile op contents', () => {
    const ops = [
      { op: 'addNode', node: { id: 'n', position: ['x', Number.NaN] } },
      { op: 'addNode' },
      { op: 'connect', edge: null },
    ] as never;
    const g = ghostsOf([view({ id: 'x', ops })], new Set());
    expect(g.nodes).toEqual([expect.objectContaining({ id: 'n', name: 'n', type: '', x: 0, y: 0 })]);
    expect(g.edges).toEqual([]);
  });
});

describe('describeOp', () => {
  const names = namesWithGhosts(new Map([['a', 'Webhook']]), [view({ id: 's', ops: [addHttp] })]);
  it('says in words what each op does, with node names (including ghost nodes)', () => {
    expect(describeOp(addHttp, names)).toBe('Add "HTTP Request" (httpRequest)');
    expect(describeOp({ op: 'connect', edge: { source: 'a', target: 'g1' } } as never, names)).toBe(
      'Connect "Webhook" → "HTTP Request"',
    );
    expect(
      describeOp({ op: 'setParameter', nodeId: 'g1', path: ['options', 'timeout'], value: 5000 }, names),
    ).toBe('Set options.timeout of "HTTP Request" to 5000');
    expect(describeOp({ op: 'setParameter', nodeId: 'a', path: ['x'] }, names)).toBe('Remove x of "Webhook"');
    expect(describeOp({ op: 'renameNode', nodeId: 'zz', name: 'New' }, names)).toBe('Rename "zz" to "New"');
    expect(
      describeOp(
        { op: 'setNodeField', nodeId: 'a', field: 'onError', value: 'continueRegularOutput' },
        names,
      ),
    ).toBe('Set onError of "Webhook" to continueRegularOutput');
  });
  it('shortens long values', () => {
    const line = describeOp(
      { op: 'setParameter', nodeId: 'a', path: ['body'], value: 'x'.repeat(500) },
      names,
    );
    expect(line.length).toBeLessThan(120);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('suggestionPlaces', () => {
  const at = new Map([['a', { position: { x: 5, y: 6 }, width: 180, height: 80 }]]);
  const placeOf = (id: string) => at.get(id) ?? null;
  it('is the added nodes at their proposed positions and the existing nodes the suggestion touches', () => {
    const connect = { op: 'connect', edge: { source: 'a', target: 'g1' } } as GraphOp;
    expect(suggestionPlaces(view({ id: 's', ops: [addHttp, connect] }), placeOf)).toEqual([
      { position: { x: 600, y: 40 } },
      at.get('a'),
    ]);
    expect(
      suggestionPlaces(
        view({ id: 's', ops: [{ op: 'setParameter', nodeId: 'zz', path: ['x'], value: 1 }], basedOn: ['a'] }),
        placeOf,
      ),
    ).toEqual([at.get('a')]);
    expect(suggestionPlaces(view({ id: 's', ops: [{ op: 'removeNode', nodeId: 'gone' }] }), placeOf)).toEqual(
      [],
    );
  });
  it('takes an added node where it is once it exists (accepted)', () => {
    const accepted = { position: { x: 700, y: 90 }, width: 220, height: 70 };
    expect(
      suggestionPlaces(view({ id: 's', ops: [addHttp] }), (id) => (id === 'g1' ? accepted : null)),
    ).toEqual([accepted]);
  });
});
