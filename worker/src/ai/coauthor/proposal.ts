import { type Actor, applyOps, docToWorkflow, type GraphOp } from '@tandem/shared/doc';
import { canonicalNodeType, NodeParameters, ParameterValue, type WorkflowJson } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import * as Y from 'yjs';
import { z } from 'zod';
import { checkWorkflow } from '../workflow/check-workflow.ts';
import type { NodeCatalogue } from '../workflow/node-catalogue.ts';

/** An edit as the model writes it: nodes by name, which is what it sees. Converted to id-based GraphOps. */
export const ProposedOp = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('addNode'),
    name: z.string().min(1).max(128),
    type: z.string().min(1).max(128),
    parameters: NodeParameters.optional(),
    /** Connect from this existing (or earlier added) node. */
    after: z.string().max(128).optional(),
    output: z.number().int().min(0).max(50).optional(),
  }),
  z.object({
    op: z.literal('connect'),
    from: z.string().min(1).max(128),
    to: z.string().min(1).max(128),
    output: z.number().int().min(0).max(50).optional(),
    input: z.number().int().min(0).max(10).optional(),
  }),
  z.object({
    op: z.literal('setParameter'),
    node: z.string().min(1).max(128),
    path: z.string().min(1).max(200),
    value: ParameterValue,
  }),
  z.object({
    op: z.literal('setNodeSetting'),
    node: z.string().min(1).max(128),
    field: z.enum(['retryOnFail', 'maxTries', 'waitBetweenTries', 'onError', 'disabled']),
    value: z.union([z.boolean(), z.number(), z.string()]),
  }),
]);
export type ProposedOp = z.infer<typeof ProposedOp>;

export const Proposal = z.object({
  rationale: z.string().min(1).max(1_000),
  ops: z.array(ProposedOp).min(1).max(20),
});
export type Proposal = z.infer<typeof Proposal>;

const SECRET_REFERENCE = /\$(env|secrets|credentials?)\b|process\.env/;

/**
 * Turn a name-based proposal into GraphOps against the current doc: fresh ids for new nodes, positions next to the
 * node they follow, the catalogue's typeVersion. Throws with a clear message on unknown names or types.
 */
export function toGraphOps(doc: Y.Doc, proposal: Proposal, catalogue: NodeCatalogue): GraphOp[] {
  const wf = docToWorkflow(doc);
  const byName = new Map(wf.nodes.map((n) => [n.name, { id: n.id, position: n.position }]));
  const ops: GraphOp[] = [];
  let added = 0;
  const find = (name: string) => {
    const n = byName.get(name);
    if (!n) throw new Error(`there is no node named "${name}"`);
    return n;
  };
  for (const p of proposal.ops) {
    switch (p.op) {
      case 'addNode': {
        const type = canonicalNodeType(p.type);
        const entry = catalogue.get(type);
        if (!entry) throw new Error(`unknown node type "${p.type}"`);
        if (byName.has(p.name)) throw new Error(`a node named "${p.name}" already exists`);
        const from = p.after ? find(p.after) : undefined;
        const position: [number, number] = from
          ? [from.position[0] + 240, from.position[1] + (p.output ?? 0) * 160]
          : [added * 240, (wf.nodes.length ? 400 : 0) + added * 40];
        const id = newId();
        added += 1;
        ops.push({
          op: 'addNode',
          node: {
            id,
            name: p.name,
            type,
            typeVersion: entry.version,
            position,
            parameters: p.parameters ?? {},
          },
        });
        byName.set(p.name, { id, position });
        if (from) {
          ops.push({
            op: 'connect',
            edge: {
              source: from.id,
              target: id,
              type: 'main',
              sourceOutput: p.output ?? 0,
              targetType: 'main',
              targetInput: 0,
            },
          });
        }
        break;
      }
      case 'connect':
        ops.push({
          op: 'connect',
          edge: {
            source: find(p.from).id,
            target: find(p.to).id,
            type: 'main',
            sourceOutput: p.output ?? 0,
            targetType: 'main',
            targetInput: p.input ?? 0,
          },
        });
        break;
      case 'setParameter':
        ops.push({
          op: 'setParameter',
          nodeId: find(p.node).id,
          path: p.path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
          value: p.value,
        });
        break;
      case 'setNodeSetting':
        ops.push({ op: 'setNodeField', nodeId: find(p.node).id, field: p.field, value: p.value });
        break;
    }
  }
  return ops;
}

/**
 * Check that a suggestion's ops apply cleanly to (a copy of) the doc and introduce no new validation errors, no
 * credentials and no secret references. Returns the problems (empty = safe to show).
 */
export function checkSuggestionOps(doc: Y.Doc, ops: GraphOp[], catalogue: NodeCatalogue): string[] {
  const problems: string[] = [];
  for (const op of ops) {
    const touched =
      op.op === 'addNode'
        ? op.node.parameters
        : op.op === 'setParameter'
          ? op.value
          : op.op === 'setNodeField'
            ? op.value
            : undefined;
    if (touched !== undefined && SECRET_REFERENCE.test(JSON.stringify(touched)))
      problems.push('suggestions must not reference secrets or environment variables');
    if (op.op === 'addNode' && op.node.credentials) problems.push('suggestions must not pick credentials');
    if (op.op === 'setNodeField' && op.field === 'credentials')
      problems.push('suggestions must not pick credentials');
  }
  if (problems.length) return problems;
  const scratch = new Y.Doc({ gc: false });
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const errorsOf = (wf: WorkflowJson) =>
    new Set(
      checkWorkflow(wf, catalogue, { forbidSecrets: false, requireTrigger: false })
        .filter((i) => i.severity === 'error')
        .map((i) => i.message),
    );
  const before = errorsOf(docToWorkflow(scratch));
  try {
    applyOps(scratch, ops, { actor: { userId: 'ai:check' } });
  } catch (err) {
    scratch.destroy();
    return [`the edit does not apply: ${(err as Error).message}`];
  }
  const after = errorsOf(docToWorkflow(scratch));
  scratch.destroy();
  return [...after].filter((m) => !before.has(m));
}

/**
 * Ids of the existing nodes a suggestion depends on (edited, connected from or to): editing any of them later
 * marks the suggestion stale instead of letting it apply blindly.
 */
export function basedOnNodes(doc: Y.Doc, ops: GraphOp[]): string[] {
  const existing = new Set(docToWorkflow(doc).nodes.map((n) => n.id));
  const ids = new Set<string>();
  for (const op of ops) {
    const refs =
      op.op === 'connect'
        ? [op.edge.source, op.edge.target]
        : 'nodeId' in op && typeof op.nodeId === 'string'
          ? [op.nodeId]
          : [];
    for (const id of refs) if (existing.has(id)) ids.add(id);
  }
  return [...ids];
}

/** The co-author's identity in the document (its suggestions' author). */
export const COAUTHOR_ACTOR: Actor = { userId: 'ai:coauthor', name: 'AI co-author' };

export interface WrittenSuggestion {
  id: string;
  ops: GraphOp[];
  rationale: string;
  basedOn: string[];
  source: 'recommender' | 'llm' | 'heuristic';
  /** The failed run it proposes to fix (failure watcher). */
  fixes?: { node: string; message: string };
}

/** Write validated suggestions into the doc's `suggestions` area (one transaction each, never a silent edit). */
export function writeSuggestions(
  doc: Y.Doc,
  suggestions: WrittenSuggestion[],
  actor: Actor = COAUTHOR_ACTOR,
): void {
  for (const s of suggestions) {
    applyOps(
      doc,
      [
        {
          op: 'addSuggestion',
          suggestion: {
            id: s.id,
            ops: s.ops,
            rationale: s.rationale,
            basedOn: s.basedOn,
            ...(s.fixes ? { fixes: s.fixes } : {}),
          },
        },
      ],
      { actor },
    );
  }
}
