import * as Y from 'yjs';
import type { WorkflowJson } from '../schema/workflow.ts';
import type { ApplyOptions } from './apply.ts';
import { isEdge, workflowToDoc } from './convert.ts';
import { attribute } from './graph-ops.ts';
import { type DocEdge, docParts, NODE_KEYS } from './layout.ts';
import { TEXT_NODE_FIELDS } from './node-map.ts';
import { assignYValue, clonePlain, fromYValue, jsonEqual, orderedEntries, setTextMinimal } from './values.ts';

/**
 * Makes the document equal to `wf` (a REST `PUT` or a version restore) in ONE transaction, touching only
 * what differs: an unchanged node or parameter is not rewritten, so concurrent edits elsewhere survive
 * and open editors see a minimal change. Comments and suggestions are kept.
 * @example replaceWorkflow(doc, WorkflowJson.parse(body), { actor: { userId } })
 */
export function replaceWorkflow(doc: Y.Doc, wf: WorkflowJson, opts: ApplyOptions): void {
  const target = docParts(workflowToDoc(wf)); // validates (duplicate ids throw) before touching `doc`
  const ctx = { actor: opts.actor, now: opts.now ?? Date.now(), touched: new Set<string>() };
  doc.transact(() => {
    const live = docParts(doc);
    syncPlainMap(live.meta, target.meta, new Set(['settings']));
    let settings = live.meta.get('settings');
    if (!(settings instanceof Y.Map)) live.meta.set('settings', (settings = new Y.Map()));
    syncPlainMap(settings as Y.Map<unknown>, target.meta.get('settings') as Y.Map<unknown>);
    for (const id of [...live.nodes.keys()]) if (!target.nodes.has(id)) live.nodes.delete(id);
    for (const [id, want] of orderedEntries(target.nodes)) {
      const have = live.nodes.get(id);
      if (!(have instanceof Y.Map)) {
        const fresh = new Y.Map<unknown>();
        live.nodes.set(id, fresh);
        syncNode(fresh, want);
        attribute(fresh, 'node', ctx);
      } else if (syncNode(have, want)) attribute(have, 'node', ctx);
    }
    syncEdges(live.edges, target.edges);
    syncPlainMap(live.pinData, target.pinData);
  }, opts.origin ?? opts.actor);
}

/** Returns whether anything changed. */
function syncNode(have: Y.Map<unknown>, want: Y.Map<unknown>): boolean {
  let changed = false;
  for (const key of [...have.keys()]) {
    if (key !== NODE_KEYS.attribution && !want.has(key)) {
      have.delete(key);
      changed = true;
    }
  }
  for (const [key, value] of orderedEntries(want)) {
    if (key === NODE_KEYS.attribution) continue;
    const json = fromYValue(value);
    const current = have.get(key);
    if (current !== undefined && jsonEqual(fromYValue(current), json)) continue;
    changed = true;
    if (key === 'parameters' && current instanceof Y.Map) assignYValue(have, key, json);
    else if (TEXT_NODE_FIELDS.has(key) && current instanceof Y.Text && typeof json === 'string') {
      setTextMinimal(current, json);
    } else if (key === 'parameters' || (TEXT_NODE_FIELDS.has(key) && typeof json === 'string')) {
      have.set(key, key === 'parameters' ? new Y.Map() : new Y.Text());
      assignYValue(have, key, json);
    } else have.set(key, clonePlain(json));
  }
  if (!have.has(NODE_KEYS.attribution)) have.set(NODE_KEYS.attribution, new Y.Map());
  return changed;
}

/**
 * Edges of one output slot are ordered by (client, clock) of their entries. When a slot's order differs from
 * the target, all its edges are rewritten by this client so that their clock order is the target order.
 */
function syncEdges(have: Y.Map<DocEdge>, want: Y.Map<DocEdge>): void {
  const slot = (e: DocEdge) => `${e.source}|${e.type}|${e.sourceOutput}`;
  const group = (m: Y.Map<DocEdge>) => {
    const out = new Map<string, [string, DocEdge][]>();
    for (const [k, e] of orderedEntries(m)) {
      const s = isEdge(e) ? slot(e) : '';
      if (!out.has(s)) out.set(s, []);
      out.get(s)!.push([k, e]);
    }
    return out;
  };
  const wantSlots = group(want);
  for (const key of [...have.keys()]) if (!want.has(key)) have.delete(key);
  const haveSlots = group(have);
  for (const [s, entries] of wantSlots) {
    const current = haveSlots.get(s) ?? [];
    const same =
      current.length === entries.length &&
      current.every(([k, e], i) => k === entries[i][0] && jsonEqual(e, entries[i][1]));
    if (same) continue;
    for (const [k] of current) have.delete(k);
    for (const [k, e] of entries) have.set(k, clonePlain(e));
  }
}

function syncPlainMap(
  have: Y.Map<unknown>,
  want: Y.Map<unknown> | undefined,
  skip = new Set<string>(),
): void {
  for (const key of [...have.keys()]) if (!skip.has(key) && !want?.has(key)) have.delete(key);
  if (!want) return;
  for (const [key, value] of orderedEntries(want)) {
    if (skip.has(key)) continue;
    const json = fromYValue(value);
    if (!have.has(key) || !jsonEqual(fromYValue(have.get(key)), json)) have.set(key, clonePlain(json));
  }
}
