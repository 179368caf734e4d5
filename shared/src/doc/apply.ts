import * as Y from 'yjs';
import { z } from 'zod';
import { applyGraphOp, type OpContext, type OpResult } from './graph-ops.ts';
import { type Actor, DocOp, DocOpError, type DocOpInput, type GraphOp } from './ops.ts';
import { applySocialOp, markStale } from './social-ops.ts';

export type ApplyOptions = {
  actor: Actor;
  /**
   * Transaction origin (default: `actor`). Pass the same object that the editor's Y.UndoManager
   * tracks (`trackedOrigins`) so each user undoes only their own edits.
   */
  origin?: unknown;
  now?: number;
};

/**
 * Applies a batch of edits as ONE Yjs transaction. Either every op applies or none does
 * (a batch is first tried on a scratch copy). Throws DocOpError (stable `code`) on an invalid op.
 * @example applyOps(doc, [{ op: 'moveNode', nodeId: 'n1', position: [10, 20] }], { actor: { userId: 'u1' } })
 */
export function applyOps(doc: Y.Doc, ops: DocOpInput[], opts: ApplyOptions): OpResult[] {
  const parsed = ops.map(parseOp);
  if (parsed.length > 1 || parsed.some((o) => o.op === 'acceptSuggestion')) {
    const scratch = new Y.Doc({ gc: false });
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    scratch.transact(() => run(scratch, parsed, opts));
    scratch.destroy();
  }
  let results: OpResult[] = [];
  doc.transact(() => {
    results = run(doc, parsed, opts);
  }, opts.origin ?? opts.actor);
  return results;
}

function parseOp(op: DocOpInput): DocOp {
  const r = DocOp.safeParse(op);
  if (!r.success) throw new DocOpError('invalid-op', z.prettifyError(r.error));
  return r.data;
}

function run(doc: Y.Doc, ops: DocOp[], opts: ApplyOptions): OpResult[] {
  const ctx: OpContext = { actor: opts.actor, now: opts.now ?? Date.now(), touched: new Set() };
  const applyGraph = (g: GraphOp) => applyGraphOp(doc, g, ctx);
  const results: OpResult[] = [];
  let accepted: string | undefined;
  for (const op of ops) {
    if (op.op === 'acceptSuggestion') accepted = op.suggestionId;
    results.push(isGraphOp(op) ? applyGraph(op) : applySocialOp(doc, op, ctx, applyGraph));
  }
  markStale(doc, ctx.touched, ctx, accepted);
  return results;
}

const GRAPH_OPS = new Set([
  'addNode',
  'moveNode',
  'removeNode',
  'renameNode',
  'connect',
  'disconnect',
  'setParameter',
  'setNodeField',
  'setWorkflowField',
  'setSetting',
  'setPinData',
]);

function isGraphOp(op: DocOp): op is GraphOp {
  return GRAPH_OPS.has(op.op);
}
