import type * as Y from 'yjs';

/**
 * Version of the Y.Doc layout described in README.md. Stored in `meta.$layoutVersion`.
 * Bump it together with an append-only migration in `migrations.ts`.
 */
export const DOC_LAYOUT_VERSION = 1;

/** Top-level shared types of a workflow document. */
export const ROOT = {
  meta: 'meta',
  nodes: 'nodes',
  edges: 'edges',
  suggestions: 'suggestions',
  comments: 'comments',
  pinData: 'pinData',
} as const;

/** Keys of the `meta` map that are not workflow JSON fields. */
export const META_KEYS = {
  layoutVersion: '$layoutVersion',
  orphanConnections: '$orphanConnections',
  orphanPinData: '$orphanPinData',
} as const;

/** Keys of a node map that are not workflow JSON node fields. */
export const NODE_KEYS = {
  /** Per connection type, the output slots as they appear in JSON: 0 = array, 1 = null. */
  outputs: '$outputs',
  /** Y.Map<fieldPath, Attribution>: who changed what last. '' is the node as a whole. */
  attribution: '$attr',
} as const;

/** Parameter keys whose string values are code/long text, stored as Y.Text so people can type together. */
export const CODE_KEYS = new Set([
  'jsCode',
  'pythonCode',
  'code',
  'functionCode',
  'query',
  'text',
  'html',
  'jsonBody',
  'body',
  'content',
  'prompt',
  'systemMessage',
  'notes',
]);

/** Strings at least this long (or containing a newline) are stored as Y.Text as well. */
export const LONG_TEXT_MIN = 120;

/** One edge of the graph, a plain object in `edges` (never partially edited: edges are replaced). */
export type DocEdge = {
  /** Source node id. */
  source: string;
  /** Connection type of the output ("main", "ai_tool", …). */
  type: string;
  sourceOutput: number;
  /** Target node id, or null when the JSON referenced a node name that does not exist. */
  target: string | null;
  /** Only when `target` is null: the unresolved node name from the JSON. */
  targetName?: string;
  /** Connection type of the target input (n8n's inner `type`). */
  targetType: string;
  targetInput: number;
};

/** Who changed something last, and when (ms since epoch). */
export type Attribution = { userId: string; name?: string; at: number };

/** Typed accessors to the root types of a workflow document. */
export function docParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    nodes: doc.getMap<Y.Map<unknown>>(ROOT.nodes),
    edges: doc.getMap<DocEdge>(ROOT.edges),
    suggestions: doc.getMap<unknown>(ROOT.suggestions),
    comments: doc.getMap<Y.Map<unknown>>(ROOT.comments),
    pinData: doc.getMap<unknown>(ROOT.pinData),
  };
}

/** Whether a string parameter is stored as Y.Text. */
export function isLongText(key: string | number | undefined, value: string): boolean {
  return (
    (typeof key === 'string' && CODE_KEYS.has(key)) || value.length >= LONG_TEXT_MIN || value.includes('\n')
  );
}

/**
 * Deterministic edge id: two people drawing the same connection at once produce one edge, not two.
 * @example edgeKey({source:'a',type:'main',sourceOutput:0,target:'b',targetType:'main',targetInput:0}) // 'a|main|0|b|main|0'
 */
export function edgeKey(e: DocEdge): string {
  return [e.source, e.type, e.sourceOutput, e.target ?? `?${e.targetName}`, e.targetType, e.targetInput].join(
    '|',
  );
}
