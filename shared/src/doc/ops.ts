import { z } from 'zod';
import { ParameterValue, Position, WorkflowNode } from '../schema/workflow.ts';

/** A path into a node's parameters: keys of objects, indexes of arrays. */
export const ParamPath = z
  .array(z.union([z.string(), z.number().int().min(0)]))
  .min(1)
  .max(32);

export const EdgeSpec = z.object({
  source: z.string().min(1),
  type: z.string().min(1).default('main'),
  sourceOutput: z.number().int().min(0).max(1000).default(0),
  target: z.string().min(1),
  targetType: z.string().min(1).default('main'),
  targetInput: z.number().int().min(0).max(1000).default(0),
});
export type EdgeSpec = z.input<typeof EdgeSpec>;

/** Node fields editable with `setNodeField` (parameters, name and position have their own ops). */
export const NodeField = z.enum([
  'type',
  'typeVersion',
  'disabled',
  'notes',
  'notesInFlow',
  'retryOnFail',
  'maxTries',
  'waitBetweenTries',
  'onError',
  'continueOnFail',
  'alwaysOutputData',
  'executeOnce',
  'webhookId',
  'credentials',
]);

/** Graph edits: what the editor, the AI co-author (inside suggestions), REST and import do. */
export const GraphOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('addNode'), node: WorkflowNode }),
  z.object({ op: z.literal('moveNode'), nodeId: z.string(), position: Position }),
  z.object({ op: z.literal('removeNode'), nodeId: z.string() }),
  z.object({ op: z.literal('renameNode'), nodeId: z.string(), name: z.string().min(1).max(128) }),
  z.object({ op: z.literal('connect'), edge: EdgeSpec }),
  z.object({ op: z.literal('disconnect'), edgeId: z.string() }),
  z.object({
    op: z.literal('setParameter'),
    nodeId: z.string(),
    path: ParamPath,
    /** Omitted = delete the parameter. */
    value: ParameterValue.optional(),
  }),
  z.object({ op: z.literal('setNodeField'), nodeId: z.string(), field: NodeField, value: z.unknown() }),
  z.object({ op: z.literal('setWorkflowField'), field: z.enum(['name', 'description']), value: z.string() }),
  z.object({ op: z.literal('setSetting'), key: z.string().min(1), value: z.unknown() }),
  z.object({ op: z.literal('setPinData'), nodeId: z.string(), items: z.array(z.unknown()).nullable() }),
]);
export type GraphOp = z.infer<typeof GraphOp>;

export const SuggestionInput = z.object({
  id: z.string().min(1).max(64),
  ops: z.array(GraphOp).min(1).max(500),
  rationale: z.string().max(10_000).default(''),
  /** Node ids the suggestion was computed from; editing them marks it stale. */
  basedOn: z.array(z.string()).default([]),
  /** Set when it proposes a fix for a failed run (the failure watcher): the failing node and its error. */
  fixes: z.object({ node: z.string().max(128), message: z.string().max(500) }).optional(),
});

/** Comment and suggestion edits. */
export const SocialOp = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('createThread'),
    threadId: z.string().min(1).max(64),
    nodeId: z.string().nullable(),
    text: z.string().min(1).max(10_000),
    mentions: z.array(z.string()).max(50).default([]),
  }),
  z.object({
    op: z.literal('reply'),
    threadId: z.string(),
    text: z.string().min(1).max(10_000),
    mentions: z.array(z.string()).max(50).default([]),
  }),
  z.object({ op: z.literal('resolveThread'), threadId: z.string(), resolved: z.boolean().default(true) }),
  z.object({ op: z.literal('addSuggestion'), suggestion: SuggestionInput }),
  z.object({ op: z.literal('acceptSuggestion'), suggestionId: z.string() }),
  z.object({ op: z.literal('rejectSuggestion'), suggestionId: z.string() }),
  z.object({ op: z.literal('markSuggestionStale'), suggestionId: z.string() }),
]);
export type SocialOp = z.infer<typeof SocialOp>;

/** Every edit of a workflow document, as a discriminated union on `op`. */
export const DocOp = z.union([GraphOp, SocialOp]);
export type DocOp = z.infer<typeof DocOp>;
/** The input form (defaults optional) accepted by `applyOps`. */
export type DocOpInput = z.input<typeof DocOp>;

/** Who performs an edit. `userId` of the AI co-author is `ai:<model>` by convention. */
export type Actor = { userId: string; name?: string };

/** A stable error for an edit that does not apply (unknown node, duplicate name, …). */
export class DocOpError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'DocOpError';
  }
}
