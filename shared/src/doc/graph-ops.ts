import * as Y from 'yjs';
import { WorkflowNode } from '../schema/workflow.ts';
import { isEdge } from './convert.ts';
import { CODE_KEYS, type DocEdge, docParts, edgeKey, NODE_KEYS } from './layout.ts';
import { nodeName, nodeToYMap, TEXT_NODE_FIELDS } from './node-map.ts';
import { type Actor, DocOpError, EdgeSpec, type GraphOp } from './ops.ts';
import { findNameReferences, renameInText } from './rename.ts';
import { assignYValue, clonePlain, fromYValue, setTextMinimal, toYValue } from './values.ts';

/** What an edit runs with: the acting user, the clock, and the node ids it touched (for staleness). */
export type OpContext = { actor: Actor; now: number; touched: Set<string> };

/** Result of one op: ids it created, if any. */
export type OpResult = { nodeId?: string; edgeId?: string };

function nodeOf(doc: Y.Doc, nodeId: string): Y.Map<unknown> {
  const node = docParts(doc).nodes.get(nodeId);
  if (!(node instanceof Y.Map)) throw new DocOpError('node-not-found', `node "${nodeId}" does not exist`);
  return node;
}

function assertFreeName(doc: Y.Doc, name: string, exceptId?: string): void {
  for (const [id, n] of docParts(doc).nodes) {
    if (id !== exceptId && n instanceof Y.Map && nodeName(n) === name) {
      throw new DocOpError('duplicate-name', `a node named "${name}" already exists`);
    }
  }
}

/** Records who changed `field` of a node (and the node as a whole) last. */
export function attribute(node: Y.Map<unknown>, field: string, ctx: OpContext): void {
  let attr = node.get(NODE_KEYS.attribution);
  if (!(attr instanceof Y.Map)) node.set(NODE_KEYS.attribution, (attr = new Y.Map()));
  const a = { userId: ctx.actor.userId, at: ctx.now, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
  (attr as Y.Map<unknown>).set(field, a);
  (attr as Y.Map<unknown>).set('', a);
}

/** Applies one graph op to the document; must be called inside a transaction. */
export function applyGraphOp(doc: Y.Doc, op: GraphOp, ctx: OpContext): OpResult {
  const p = docParts(doc);
  switch (op.op) {
    case 'addNode': {
      if (p.nodes.has(op.node.id)) throw new DocOpError('duplicate-id', `node id "${op.node.id}" exists`);
      assertFreeName(doc, op.node.name);
      const map = nodeToYMap(op.node);
      p.nodes.set(op.node.id, map);
      attribute(map, 'node', ctx);
      ctx.touched.add(op.node.id);
      return { nodeId: op.node.id };
    }
    case 'moveNode': {
      const node = nodeOf(doc, op.nodeId);
      node.set('position', [op.position[0], op.position[1]]);
      attribute(node, 'position', ctx);
      return {};
    }
    case 'removeNode': {
      nodeOf(doc, op.nodeId);
      p.nodes.delete(op.nodeId);
      for (const [id, e] of [...p.edges]) {
        if (!isEdge(e) || e.source === op.nodeId || e.target === op.nodeId) p.edges.delete(id);
      }
      p.pinData.delete(op.nodeId);
      ctx.touched.add(op.nodeId);
      return {};
    }
    case 'renameNode': {
      const node = nodeOf(doc, op.nodeId);
      const old = nodeName(node);
      if (old === op.name) return {};
      assertFreeName(doc, op.name, op.nodeId);
      node.set('name', op.name);
      attribute(node, 'name', ctx);
      if (old !== undefined)
        for (const [, n] of p.nodes) if (n instanceof Y.Map) renameInParams(n, old, op.name);
      ctx.touched.add(op.nodeId);
      return {};
    }
    case 'connect': {
      const spec = EdgeSpec.parse(op.edge);
      nodeOf(doc, spec.source);
      nodeOf(doc, spec.target);
      const edge: DocEdge = { ...spec };
      const id = edgeKey(edge);
      if (!p.edges.has(id)) p.edges.set(id, edge);
      ctx.touched.add(spec.source).add(spec.target);
      return { edgeId: id };
    }
    case 'disconnect': {
      const e = p.edges.get(op.edgeId);
      if (isEdge(e)) ctx.touched.add(e.source).add(e.target ?? e.source);
      p.edges.delete(op.edgeId);
      return {};
    }
    case 'setParameter': {
      const node = nodeOf(doc, op.nodeId);
      setParameter(node, op.path, op.value);
      attribute(node, `parameters.${op.path.join('.')}`, ctx);
      ctx.touched.add(op.nodeId);
      return {};
    }
    case 'setNodeField': {
      const node = nodeOf(doc, op.nodeId);
      const parsed = WorkflowNode.shape[op.field].safeParse(op.value);
      if (!parsed.success) throw new DocOpError('invalid-value', `invalid value for ${op.field}`);
      const value = parsed.data;
      const current = node.get(op.field);
      if (value === undefined) node.delete(op.field);
      else if (TEXT_NODE_FIELDS.has(op.field) && typeof value === 'string') {
        if (current instanceof Y.Text) setTextMinimal(current, value);
        else node.set(op.field, new Y.Text(value));
      } else node.set(op.field, clonePlain(value));
      attribute(node, op.field, ctx);
      ctx.touched.add(op.nodeId);
      return {};
    }
    case 'setWorkflowField':
      p.meta.set(op.field, op.value);
      return {};
    case 'setSetting': {
      let settings = p.meta.get('settings');
      if (!(settings instanceof Y.Map)) p.meta.set('settings', (settings = new Y.Map()));
      if (op.value === undefined) (settings as Y.Map<unknown>).delete(op.key);
      else (settings as Y.Map<unknown>).set(op.key, clonePlain(op.value));
      return {};
    }
    case 'setPinData':
      nodeOf(doc, op.nodeId);
      if (op.items === null) p.pinData.delete(op.nodeId);
      else p.pinData.set(op.nodeId, clonePlain(op.items));
      return {};
  }
}

type Container = Y.Map<unknown> | Y.Array<unknown>;

function childOf(parent: Container, seg: string | number): unknown {
  if (parent instanceof Y.Map) return typeof seg === 'string' ? parent.get(seg) : undefined;
  return typeof seg === 'number' && seg < parent.length ? parent.get(seg) : undefined;
}

function setParameter(node: Y.Map<unknown>, path: (string | number)[], value: unknown): void {
  let parent = node.get('parameters');
  if (!(parent instanceof Y.Map)) node.set('parameters', (parent = new Y.Map()));
  let cur = parent as Container;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    checkSegment(cur, seg);
    let child = childOf(cur, seg);
    if (!(child instanceof Y.Map || child instanceof Y.Array)) {
      if (value === undefined) return; // deleting below something absent: nothing to do
      const fresh =
        child !== undefined && child !== null && typeof child === 'object'
          ? toYValue(fromYValue(child)) // a plain object written by an older peer: make it editable per key
          : typeof path[i + 1] === 'number'
            ? new Y.Array()
            : new Y.Map();
      writeSlot(cur, seg, fresh);
      child = fresh;
    }
    cur = child as Container;
  }
  const last = path[path.length - 1];
  checkSegment(cur, last);
  if (value === undefined) {
    if (cur instanceof Y.Map) cur.delete(last as string);
    else if ((last as number) < cur.length) cur.delete(last as number, 1);
    return;
  }
  if (cur instanceof Y.Array && last === cur.length) cur.push([toYValue(value as never)]);
  else assignYValue(cur, last, value as never);
}

function checkSegment(cur: Container, seg: string | number): void {
  if (cur instanceof Y.Map && typeof seg !== 'string')
    throw new DocOpError('bad-path', 'object key expected');
  if (cur instanceof Y.Array && (typeof seg !== 'number' || seg > cur.length)) {
    throw new DocOpError('bad-path', 'array index out of range');
  }
}

function writeSlot(cur: Container, seg: string | number, value: unknown): void {
  if (cur instanceof Y.Map) cur.set(seg as string, value);
  else {
    if ((seg as number) < cur.length) cur.delete(seg as number, 1);
    cur.insert(seg as number, [value]);
  }
}

/** Rewrites references to a renamed node in expressions (`=…`) and code (Y.Text under code keys) of one node. */
function renameInParams(node: Y.Map<unknown>, oldName: string, newName: string): void {
  const params = node.get('parameters');
  if (params instanceof Y.Map || params instanceof Y.Array) walk(params);

  function walk(container: Container): void {
    const entries: [string | number, unknown][] =
      container instanceof Y.Map ? [...container.entries()] : container.toArray().map((v, i) => [i, v]);
    for (const [key, value] of entries) {
      const codeKey = typeof key === 'string' && CODE_KEYS.has(key);
      if (value instanceof Y.Map || value instanceof Y.Array) walk(value);
      else if (value instanceof Y.Text) {
        const text = value.toString();
        if (!text.startsWith('=') && !codeKey) continue;
        for (const r of findNameReferences(text, oldName, newName).reverse()) {
          value.delete(r.index, r.length);
          value.insert(r.index, r.replacement);
        }
      } else if (typeof value === 'string' && value.startsWith('=')) {
        const next = renameInText(value, oldName, newName);
        if (next !== value) writeSlot(container, key, next);
      }
    }
  }
}
