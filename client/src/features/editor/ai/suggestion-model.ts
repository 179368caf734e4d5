import type { Actor, GraphOp, Suggestion, SuggestionStatus } from '@tandem/shared/doc';

const STATUSES = new Set<SuggestionStatus>(['pending', 'accepted', 'rejected', 'stale']);

/** A suggestion as the UI shows it: well-formed fields only (any peer can write garbage into the doc). */
export interface SuggestionView {
  id: string;
  ops: GraphOp[];
  rationale: string;
  basedOn: string[];
  author: Actor;
  createdAt: number;
  status: SuggestionStatus;
  decidedBy?: Actor;
  decidedAt?: number;
  /** Written by the AI co-author (its user ids are `ai:<…>` by convention). */
  byAi: boolean;
}

function readActor(v: unknown): Actor | null {
  const a = v as { userId?: unknown; name?: unknown } | null;
  if (!a || typeof a !== 'object' || typeof a.userId !== 'string') return null;
  return typeof a.name === 'string' ? { userId: a.userId, name: a.name } : { userId: a.userId };
}

/** True for ops the UI knows how to draw or describe; others are kept out so nothing throws while rendering. */
function isOpLike(v: unknown): v is GraphOp {
  return !!v && typeof v === 'object' && typeof (v as { op?: unknown }).op === 'string';
}

/**
 * Reads one stored suggestion into a view, or null when it is not usable.
 * @example readSuggestion('s1', suggestionsMap.get('s1'))?.status // 'pending'
 */
export function readSuggestion(id: string, raw: unknown): SuggestionView | null {
  const s = raw as Partial<Suggestion> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.ops)) return null;
  const author = readActor(s.author);
  if (!author || !STATUSES.has(s.status as SuggestionStatus)) return null;
  const view: SuggestionView = {
    id,
    ops: s.ops.filter(isOpLike),
    rationale: typeof s.rationale === 'string' ? s.rationale : '',
    basedOn: Array.isArray(s.basedOn) ? s.basedOn.filter((b): b is string => typeof b === 'string') : [],
    author,
    createdAt: typeof s.createdAt === 'number' && Number.isFinite(s.createdAt) ? s.createdAt : 0,
    status: s.status as SuggestionStatus,
    byAi: author.userId.startsWith('ai:'),
  };
  const decidedBy = readActor(s.decidedBy);
  if (decidedBy) view.decidedBy = decidedBy;
  if (typeof s.decidedAt === 'number') view.decidedAt = s.decidedAt;
  return view;
}

/**
 * All usable suggestions of the doc's `suggestions` map, oldest first (ties by id, so every peer lists them alike).
 * @example readSuggestions(docParts(doc).suggestions).filter((s) => s.status === 'pending')
 */
export function readSuggestions(entries: Iterable<[string, unknown]>): SuggestionView[] {
  const out: SuggestionView[] = [];
  for (const [id, raw] of entries) {
    const v = readSuggestion(id, raw);
    if (v) out.push(v);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Display name of an author. */
export function authorName(a: Actor): string {
  return a.name?.trim() || a.userId;
}

/**
 * Whether this user may accept a suggestion: editors only, and only while it is pending (a stale suggestion's
 * target changed meanwhile, so applying it blindly could break the workflow).
 */
export function canAccept(s: Pick<SuggestionView, 'status'>, readOnly: boolean): boolean {
  return !readOnly && s.status === 'pending';
}

/** Whether this user may reject (dismiss) a suggestion: editors, while it is undecided (pending or stale). */
export function canReject(s: Pick<SuggestionView, 'status'>, readOnly: boolean): boolean {
  return !readOnly && (s.status === 'pending' || s.status === 'stale');
}

/** A node the suggestion would add, drawn as a ghost on the canvas. */
export interface GhostNode {
  suggestionId: string;
  id: string;
  name: string;
  type: string;
  x: number;
  y: number;
  author: string;
  byAi: boolean;
  rationale: string;
}

/** A connection the suggestion would draw, between real and/or ghost nodes. */
export interface GhostEdge {
  suggestionId: string;
  id: string;
  source: string;
  target: string;
  sourceOutput: number;
  targetInput: number;
}

/** An existing node the suggestion would change (parameters, settings, name). */
export interface GhostChange {
  suggestionId: string;
  nodeId: string;
  author: string;
  byAi: boolean;
}

function finite(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/**
 * The canvas overlay of pending suggestions: their `addNode` ops as ghost nodes, their `connect` ops as ghost edges,
 * and the existing nodes their other node ops would change.
 * @example ghostsOf(readSuggestions(map), new Set(['n1'])).nodes[0].name // 'HTTP Request'
 */
export function ghostsOf(
  suggestions: SuggestionView[],
  existing: { has(id: string): boolean },
): { nodes: GhostNode[]; edges: GhostEdge[]; changes: GhostChange[] } {
  const nodes: GhostNode[] = [];
  const edges: GhostEdge[] = [];
  const changes: GhostChange[] = [];
  for (const s of suggestions) {
    if (s.status !== 'pending') continue;
    const author = authorName(s.author);
    const added = new Set<string>();
    for (const op of s.ops) {
      if (op.op !== 'addNode') continue;
      const n = op.node as { id?: unknown; name?: unknown; type?: unknown; position?: unknown } | undefined;
      if (!n || typeof n.id !== 'string' || existing.has(n.id)) continue;
      const pos = Array.isArray(n.position) ? n.position : [0, 0];
      added.add(n.id);
      nodes.push({
        suggestionId: s.id,
        id: n.id,
        name: typeof n.name === 'string' ? n.name : n.id,
        type: typeof n.type === 'string' ? n.type : '',
        x: finite(pos[0]),
        y: finite(pos[1]),
        author,
        byAi: s.byAi,
        rationale: s.rationale,
      });
    }
    const known = (id: unknown): id is string =>
      typeof id === 'string' && (added.has(id) || existing.has(id));
    const changed = new Set<string>();
    s.ops.forEach((op, i) => {
      if (op.op === 'connect') {
        const e = op.edge as {
          source?: unknown;
          target?: unknown;
          sourceOutput?: unknown;
          targetInput?: unknown;
        };
        if (!e || !known(e.source) || !known(e.target)) return;
        edges.push({
          suggestionId: s.id,
          id: `${s.id}:${i}`,
          source: e.source,
          target: e.target,
          sourceOutput: finite(e.sourceOutput),
          targetInput: finite(e.targetInput),
        });
      } else if ('nodeId' in op && typeof op.nodeId === 'string' && op.op !== 'removeNode') {
        if (existing.has(op.nodeId) && !changed.has(op.nodeId)) {
          changed.add(op.nodeId);
          changes.push({ suggestionId: s.id, nodeId: op.nodeId, author, byAi: s.byAi });
        }
      }
    });
  }
  return { nodes, edges, changes };
}

function short(value: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One line per op, in words, for the suggestion list (names of nodes the suggestion adds are known too).
 * @example describeOp({ op: 'setParameter', nodeId: 'n1', path: ['url'], value: 'https://x' }, names)
 *   // 'Set url of "HTTP Request" to https://x'
 */
export function describeOp(op: GraphOp, names: ReadonlyMap<string, string>): string {
  const name = (id: unknown) => `"${(typeof id === 'string' && names.get(id)) || String(id)}"`;
  switch (op.op) {
    case 'addNode':
      return `Add ${name(op.node?.id)} (${String(op.node?.type ?? '?').replace(/^n8n-nodes-base\./, '')})`;
    case 'connect':
      return `Connect ${name(op.edge?.source)} → ${name(op.edge?.target)}`;
    case 'setParameter': {
      const path = Array.isArray(op.path) ? op.path.join('.') : '?';
      return op.value === undefined
        ? `Remove ${path} of ${name(op.nodeId)}`
        : `Set ${path} of ${name(op.nodeId)} to ${short(op.value)}`;
    }
    case 'setNodeField':
      return `Set ${String(op.field)} of ${name(op.nodeId)} to ${short(op.value)}`;
    case 'renameNode':
      return `Rename ${name(op.nodeId)} to "${short(op.name, 60)}"`;
    case 'removeNode':
      return `Remove ${name(op.nodeId)}`;
    case 'moveNode':
      return `Move ${name(op.nodeId)}`;
    case 'disconnect':
      return 'Remove a connection';
    case 'setWorkflowField':
      return `Set the workflow ${String(op.field)} to ${short(op.value)}`;
    case 'setSetting':
      return `Set the workflow setting ${String(op.key)} to ${short(op.value)}`;
    case 'setPinData':
      return `${op.items ? 'Pin' : 'Unpin'} data of ${name(op.nodeId)}`;
    default:
      return `Change (${String((op as { op: unknown }).op)})`;
  }
}

/** Node names by id: the document's nodes plus the nodes the suggestions would add. */
export function namesWithGhosts(
  docNames: ReadonlyMap<string, string>,
  suggestions: SuggestionView[],
): Map<string, string> {
  const out = new Map(docNames);
  for (const s of suggestions)
    for (const op of s.ops)
      if (op.op === 'addNode' && typeof op.node?.id === 'string' && typeof op.node.name === 'string')
        if (!out.has(op.node.id)) out.set(op.node.id, op.node.name);
  return out;
}

/** A node's place on the canvas; without a size it has a workflow node's usual one (as `estimatedBounds` assumes). */
export interface NodePlace {
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

/**
 * Where a suggestion is on the canvas: the nodes it adds (at their proposed positions, unless they exist by now) and
 * the existing nodes it changes, connects or is based on. `placeOf` answers an existing node's place.
 * @example estimatedBounds(suggestionPlaces(s, (id) => places.get(id) ?? null)) // the box to bring into view
 */
export function suggestionPlaces(
  s: Pick<SuggestionView, 'ops' | 'basedOn'>,
  placeOf: (nodeId: string) => NodePlace | null,
): NodePlace[] {
  const proposed = new Map<string, NodePlace>();
  const ids: unknown[] = [];
  for (const op of s.ops) {
    if (op.op === 'addNode') {
      const id = op.node?.id;
      const p = op.node?.position;
      if (typeof id === 'string' && Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        proposed.set(id, { position: { x: p[0], y: p[1] } });
      ids.push(id);
    }
    if ('nodeId' in op) ids.push(op.nodeId);
    if (op.op === 'connect') ids.push(op.edge?.source, op.edge?.target);
  }
  const out: NodePlace[] = [];
  for (const id of new Set([...ids, ...s.basedOn])) {
    if (typeof id !== 'string') continue;
    const place = placeOf(id) ?? proposed.get(id);
    if (place) out.push(place);
  }
  return out;
}
