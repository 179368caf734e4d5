import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ParameterValue, WorkflowJson } from '../schema/workflow.ts';
import { applyOps } from './apply.ts';
import { paramValue, workflowJson } from './arbitraries.test-util.ts';
import { attributeTyping, attribution } from './attribution.ts';
import { docToWorkflow, workflowToDoc } from './convert.ts';
import { docParts } from './layout.ts';
import { DocOpError, type DocOpInput } from './ops.ts';
import { replaceWorkflow } from './replace.ts';
import { clonePlain } from './values.ts';

const ada = { userId: 'u1', name: 'Ada' };
const bob = { userId: 'u2', name: 'Bob' };

function base(): WorkflowJson {
  return WorkflowJson.parse({
    name: 'w',
    nodes: [
      { id: 'a', name: 'Start', type: 'manualTrigger', typeVersion: 1, position: [0, 0] },
      {
        id: 'b',
        name: 'Code',
        type: 'code',
        typeVersion: 2,
        position: [200, 0],
        parameters: { jsCode: "return $('Start').all();", mode: 'runOnceForAllItems' },
      },
      {
        id: 'c',
        name: 'Set',
        type: 'set',
        typeVersion: 3,
        position: [400, 0],
        parameters: { value: '={{ $node["Start"].json.x + $node.Start.json.y }}', plain: "$('Start')" },
      },
    ],
    connections: { Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
  });
}

function pair(wf: WorkflowJson): [Y.Doc, Y.Doc] {
  const a = workflowToDoc(wf);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua);
  Y.applyUpdate(a, ub);
}

describe('edit helpers', () => {
  it('add, move, connect, disconnect, remove', () => {
    const doc = workflowToDoc(base());
    const node = {
      id: 'd',
      name: 'Http',
      type: 'httpRequest',
      typeVersion: 4,
      position: [0, 300] as [number, number],
    };
    const [, conn] = applyOps(
      doc,
      [
        { op: 'addNode', node },
        { op: 'connect', edge: { source: 'b', target: 'd' } },
        { op: 'moveNode', nodeId: 'd', position: [50, 60] },
      ],
      { actor: ada },
    );
    let wf = docToWorkflow(doc);
    expect(wf.nodes.find((n) => n.id === 'd')?.position).toEqual([50, 60]);
    expect(wf.connections.Code.main[0]).toEqual([{ node: 'Http', type: 'main', index: 0 }]);
    applyOps(doc, [{ op: 'disconnect', edgeId: conn.edgeId! }], { actor: ada });
    // Code had no outputs in the JSON, so with its only edge gone it leaves `connections` again
    expect(docToWorkflow(doc).connections.Code).toBeUndefined();
    applyOps(doc, [{ op: 'removeNode', nodeId: 'a' }], { actor: ada });
    wf = docToWorkflow(doc);
    expect(wf.nodes.map((n) => n.id)).toEqual(['b', 'c', 'd']);
    expect(wf.connections.Start).toBeUndefined();
    expect(docParts(doc).edges.size).toBe(0);
  });

  it('rename rewrites expressions and code that reference the old name, not plain text', () => {
    const doc = workflowToDoc(base());
    applyOps(doc, [{ op: 'renameNode', nodeId: 'a', name: 'Kick "off"' }], { actor: ada });
    const wf = docToWorkflow(doc);
    expect(wf.nodes[1].parameters.jsCode).toBe(`return $('Kick "off"').all();`);
    expect(wf.nodes[2].parameters.value).toBe(
      '={{ $node["Kick \\"off\\""].json.x + $node["Kick \\"off\\""].json.y }}',
    );
    expect(wf.nodes[2].parameters.plain).toBe("$('Start')");
    expect(Object.keys(wf.connections)).toEqual(['Kick "off"']);
  });

  it('refuses invalid edits with a stable code and applies a failing batch not at all', () => {
    const doc = workflowToDoc(base());
    const before = docToWorkflow(doc);
    const err = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as DocOpError).code;
      }
      return 'no error';
    };
    expect(
      err(() => applyOps(doc, [{ op: 'moveNode', nodeId: 'x', position: [0, 0] }], { actor: ada })),
    ).toBe('node-not-found');
    expect(err(() => applyOps(doc, [{ op: 'renameNode', nodeId: 'a', name: 'Code' }], { actor: ada }))).toBe(
      'duplicate-name',
    );
    expect(err(() => applyOps(doc, [{ op: 'nope' } as never], { actor: ada }))).toBe('invalid-op');
    const batch: DocOpInput[] = [
      { op: 'moveNode', nodeId: 'a', position: [9, 9] },
      { op: 'setParameter', nodeId: 'missing', path: ['x'], value: 1 },
    ];
    expect(err(() => applyOps(doc, batch, { actor: ada }))).toBe('node-not-found');
    expect(docToWorkflow(doc)).toEqual(before);
  });

  it('sets nested parameters, deletes them, and records who changed what', () => {
    const doc = workflowToDoc(base());
    applyOps(doc, [{ op: 'setParameter', nodeId: 'c', path: ['options', 'headers', 0], value: { k: 'v' } }], {
      actor: ada,
      now: 1000,
    });
    applyOps(doc, [{ op: 'setParameter', nodeId: 'c', path: ['plain'] }], { actor: bob, now: 2000 });
    const p = docToWorkflow(doc).nodes[2].parameters;
    expect(p.options).toEqual({ headers: [{ k: 'v' }] });
    expect(p.plain).toBeUndefined();
    const attr = attribution(doc, 'c');
    expect(attr['parameters.options.headers.0']).toEqual({ userId: 'u1', name: 'Ada', at: 1000 });
    expect(attr['']).toEqual({ userId: 'u2', name: 'Bob', at: 2000 });
  });

  it('per-user undo: each user undoes only their own transactions', () => {
    const doc = workflowToDoc(base());
    const adaOrigin = { user: 'ada' };
    const undo = new Y.UndoManager(docParts(doc).nodes, { trackedOrigins: new Set([adaOrigin]) });
    applyOps(doc, [{ op: 'moveNode', nodeId: 'a', position: [5, 5] }], { actor: ada, origin: adaOrigin });
    applyOps(doc, [{ op: 'moveNode', nodeId: 'b', position: [7, 7] }], { actor: bob });
    undo.undo();
    const wf = docToWorkflow(doc);
    expect(wf.nodes[0].position).toEqual([0, 0]);
    expect(wf.nodes[1].position).toEqual([7, 7]);
  });

  it('concurrent typing into the same code node keeps both edits', () => {
    const [a, b] = pair(base());
    const code = (d: Y.Doc) =>
      (docParts(d).nodes.get('b')!.get('parameters') as Y.Map<Y.Text>).get('jsCode')!;
    applyOps(
      a,
      [{ op: 'setParameter', nodeId: 'b', path: ['jsCode'], value: "// A\nreturn $('Start').all();" }],
      {
        actor: ada,
      },
    );
    code(b).insert(code(b).length, '\n// B');
    exchange(a, b);
    expect(code(a).toString()).toBe("// A\nreturn $('Start').all();\n// B");
    expect(docToWorkflow(a)).toEqual(docToWorkflow(b));
  });

  it('replicas agree when plain values carry a `__proto__` key (Yjs cannot carry it; it is dropped)', () => {
    const pin = JSON.parse('{"json":{"":{"__proto__":null,"kept":1}}}');
    const wf = WorkflowJson.parse({
      name: ' ',
      nodes: [
        { id: 'id-0', name: 'A', type: 'code', typeVersion: 1, position: [0, 0], parameters: {} },
        { id: 'id-1', name: 'B', type: 'code', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
      pinData: { A: [pin] },
    });
    const [a, b] = pair(wf);
    applyOps(b, [{ op: 'moveNode', nodeId: 'id-1', position: [1, 2] }], { actor: bob });
    exchange(a, b);
    expect(JSON.stringify(docToWorkflow(a))).toBe(JSON.stringify(docToWorkflow(b)));
    expect(docToWorkflow(a).pinData!.A).toEqual([{ json: { '': { kept: 1 } } }]);
  });

  it('concurrent edits to different nodes or different parameters of one node both survive (property)', () => {
    fc.assert(
      fc.property(
        workflowJson.filter((w) => w.nodes.length >= 2),
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.string({ minLength: 1, maxLength: 6 }),
        paramValue,
        paramValue,
        fc.boolean(),
        (wf, k1, k2, v1, v2, sameNode) => {
          fc.pre(k1 !== k2);
          const [a, b] = pair(wf);
          const n1 = wf.nodes[0].id;
          const n2 = sameNode ? n1 : wf.nodes[1].id;
          applyOps(a, [{ op: 'setParameter', nodeId: n1, path: [k1], value: v1 }], { actor: ada });
          applyOps(b, [{ op: 'setParameter', nodeId: n2, path: [k2], value: v2 }], { actor: bob });
          applyOps(b, [{ op: 'moveNode', nodeId: n2, position: [1, 2] }], { actor: bob });
          exchange(a, b);
          const ja = docToWorkflow(a);
          expect(JSON.stringify(ja)).toBe(JSON.stringify(docToWorkflow(b)));
          const byId = (id: string) => ja.nodes.find((n) => n.id === id)!;
          // compared with what the op schema accepted (zod drops `__proto__` keys)
          expect(byId(n1).parameters[k1]).toEqual(ParameterValue.parse(v1));
          expect(byId(n2).parameters[k2]).toEqual(ParameterValue.parse(v2));
          expect(byId(n2).position).toEqual([1, 2]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('attribution of typing', () => {
  it('records who last typed into a parameter, outside the undo history', () => {
    const [a] = pair(base());
    const undo = new Y.UndoManager(docParts(a).nodes, { trackedOrigins: new Set([ada]) });
    attributeTyping(a, 'b', 'parameters.jsCode', { userId: 'u2', name: 'Bob' }, 42);
    expect(attribution(a, 'b')['parameters.jsCode']).toEqual({ userId: 'u2', name: 'Bob', at: 42 });
    expect(attribution(a, 'b')['']).toMatchObject({ userId: 'u2' });
    expect(undo.undoStack).toHaveLength(0);
    attributeTyping(a, 'missing', 'parameters.x', { userId: 'u2' });
  });
});

describe('comments and suggestions', () => {
  it('threads: create, concurrent replies, resolve', () => {
    const [a, b] = pair(base());
    applyOps(a, [{ op: 'createThread', threadId: 't1', nodeId: 'b', text: 'why?', mentions: ['u2'] }], {
      actor: ada,
    });
    exchange(a, b);
    applyOps(a, [{ op: 'reply', threadId: 't1', text: 'one' }], { actor: ada });
    applyOps(b, [{ op: 'reply', threadId: 't1', text: 'two' }], { actor: bob });
    applyOps(b, [{ op: 'resolveThread', threadId: 't1' }], { actor: bob });
    exchange(a, b);
    const t = docParts(a).comments.get('t1')!.toJSON();
    expect(t.messages.map((m: { text: string }) => m.text).sort()).toEqual(['one', 'two', 'why?']);
    expect(t.messages[0].mentions).toEqual(['u2']);
    expect(t.resolved).toBe(true);
    expect(t.resolvedBy.userId).toBe('u2');
  });

  it('accept applies the ops as one transaction; editing the base node marks others stale; reject keeps graph', () => {
    const doc = workflowToDoc(base());
    const ai = { userId: 'ai:gpt', name: 'AI' };
    const node = { id: 'n', name: 'New', type: 'noOp', typeVersion: 1, position: [0, 0] as [number, number] };
    applyOps(
      doc,
      [
        {
          op: 'addSuggestion',
          suggestion: { id: 's1', ops: [{ op: 'addNode', node }], rationale: 'r', basedOn: ['b'] },
        },
        {
          op: 'addSuggestion',
          suggestion: { id: 's2', ops: [{ op: 'moveNode', nodeId: 'b', position: [1, 1] }], basedOn: ['b'] },
        },
        {
          op: 'addSuggestion',
          suggestion: { id: 's3', ops: [{ op: 'moveNode', nodeId: 'c', position: [1, 1] }], basedOn: ['c'] },
        },
      ],
      { actor: ai },
    );
    let updates = 0;
    doc.on('update', () => updates++);
    applyOps(doc, [{ op: 'acceptSuggestion', suggestionId: 's1' }], { actor: ada });
    expect(updates).toBe(1);
    expect(docToWorkflow(doc).nodes.map((n) => n.id)).toContain('n');
    applyOps(doc, [{ op: 'setParameter', nodeId: 'b', path: ['mode'], value: 'x' }], { actor: ada });
    applyOps(doc, [{ op: 'rejectSuggestion', suggestionId: 's3' }], { actor: ada });
    const s = docParts(doc).suggestions.toJSON();
    expect([s.s1.status, s.s2.status, s.s3.status]).toEqual(['accepted', 'stale', 'rejected']);
    expect(docToWorkflow(doc).nodes.find((n) => n.id === 'c')!.position).toEqual([400, 0]);
    expect(() => applyOps(doc, [{ op: 'acceptSuggestion', suggestionId: 's3' }], { actor: ada })).toThrow(
      DocOpError,
    );
  });
});

describe('replaceWorkflow (REST PUT)', () => {
  it('converges to the new JSON and leaves unrelated concurrent edits intact', () => {
    fc.assert(
      fc.property(workflowJson, workflowJson, (from, to) => {
        const [a, b] = pair(from);
        replaceWorkflow(a, to, { actor: ada });
        // Plain values (meta, settings, pin data) lose `__proto__` keys on the way into the doc: see clonePlain.
        const expected = clonePlain(to);
        expect(docToWorkflow(a)).toEqual(expected);
        exchange(a, b);
        expect(docToWorkflow(b)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
    const [a, b] = pair(base());
    const next = base();
    next.nodes[0].position = [1, 1];
    let changed = 0;
    a.on('update', () => changed++);
    replaceWorkflow(a, next, { actor: ada });
    expect(changed).toBe(1);
    applyOps(b, [{ op: 'setParameter', nodeId: 'c', path: ['plain'], value: 'kept' }], { actor: bob });
    exchange(a, b);
    const wf = docToWorkflow(a);
    expect(wf.nodes[0].position).toEqual([1, 1]);
    expect(wf.nodes[2].parameters.plain).toBe('kept');
  });
});
