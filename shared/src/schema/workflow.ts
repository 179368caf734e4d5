import { z } from 'zod';

/**
 * The workflow JSON format: n8n's workflow export format, so n8n exports import unchanged.
 * It is Tandem's import/export and API format; the live draft is a Y.Doc (see `@tandem/shared/doc`).
 */

export const NodeId = z.string().min(1).max(64);
export type NodeId = z.infer<typeof NodeId>;

export const Position = z.tuple([z.number().finite(), z.number().finite()]);
export type Position = z.infer<typeof Position>;

/** Parameter values are arbitrary JSON; strings starting with `=` are expressions. */
export type ParameterValue =
  | string
  | number
  | boolean
  | null
  | ParameterValue[]
  | { [key: string]: ParameterValue };
export const ParameterValue: z.ZodType<ParameterValue> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(ParameterValue),
      z.record(z.string(), ParameterValue),
    ]),
  )
  .meta({ id: 'ParameterValue' }); // an id makes it a $ref in the OpenAPI document instead of endless recursion
export const NodeParameters = z.record(z.string(), ParameterValue);
export type NodeParameters = z.infer<typeof NodeParameters>;

export const NodeCredentialRef = z.object({ id: z.string().nullable().optional(), name: z.string() });
export const NodeCredentials = z.record(z.string(), NodeCredentialRef);
export type NodeCredentials = z.infer<typeof NodeCredentials>;

export const OnError = z.enum(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput']);
export type OnError = z.infer<typeof OnError>;

export const WorkflowNode = z.object({
  id: NodeId,
  name: z.string().min(1).max(128),
  type: z.string().min(1).max(128),
  typeVersion: z.number().positive(),
  position: Position,
  parameters: NodeParameters.default({}),
  credentials: NodeCredentials.optional(),
  disabled: z.boolean().optional(),
  notes: z.string().optional(),
  notesInFlow: z.boolean().optional(),
  retryOnFail: z.boolean().optional(),
  maxTries: z.number().int().min(1).max(10).optional(),
  waitBetweenTries: z
    .number()
    .int()
    .min(0)
    .max(5 * 60_000)
    .optional(),
  onError: OnError.optional(),
  /** Legacy n8n flag, same as `onError: continueRegularOutput`. */
  continueOnFail: z.boolean().optional(),
  alwaysOutputData: z.boolean().optional(),
  executeOnce: z.boolean().optional(),
  webhookId: z.string().optional(),
  /** Set by import for node types/versions Tandem can't run: the node is kept, disabled and marked. */
  unsupported: z
    .object({
      reason: z.enum(['unknownType', 'unsupportedVersion']),
      message: z.string(),
      wasDisabled: z.boolean().optional(),
    })
    .optional(),
});
export type WorkflowNode = z.infer<typeof WorkflowNode>;

export const ConnectionTarget = z.object({
  node: z.string(),
  type: z.string().default('main'),
  index: z.number().int().min(0),
});
export type ConnectionTarget = z.infer<typeof ConnectionTarget>;

/** source node name → connection type ("main") → per output index → targets. */
export const Connections = z.record(
  z.string(),
  z.record(z.string(), z.array(z.array(ConnectionTarget).nullable())),
);
export type Connections = z.infer<typeof Connections>;

export const SaveExecutionData = z.enum(['all', 'errors', 'none']);

export const WorkflowSettings = z
  .object({
    executionOrder: z.enum(['v0', 'v1']).optional(),
    timezone: z.string().optional(),
    errorWorkflow: z.string().optional(),
    executionTimeout: z.number().optional(),
    saveExecutionData: SaveExecutionData.optional(),
    maxConcurrency: z.number().int().positive().optional(),
    failureWatcher: z.boolean().optional(),
  })
  .catchall(z.unknown());
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

export const Item = z.object({
  json: z.record(z.string(), z.unknown()),
  binary: z.record(z.string(), z.unknown()).optional(),
  pairedItem: z.unknown().optional(),
});
export type ItemJson = z.infer<typeof Item>;

export const PinData = z.record(z.string(), z.array(z.union([Item, z.record(z.string(), z.unknown())])));
export type PinData = z.infer<typeof PinData>;

export const WorkflowJson = z.object({
  id: z.string().optional(),
  name: z.string().min(1).max(256),
  nodes: z.array(WorkflowNode).max(2000).default([]),
  connections: Connections.default({}),
  settings: WorkflowSettings.default({}),
  pinData: PinData.optional(),
  staticData: z.unknown().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.unknown()).optional(),
  active: z.boolean().optional(),
  versionId: z.string().optional(),
  description: z.string().optional(),
});
export type WorkflowJson = z.infer<typeof WorkflowJson>;

/** Tandem's node type ids are short (`webhook`); `n8n-nodes-base.webhook` is an alias. */
export function canonicalNodeType(type: string): string {
  const prefix = 'n8n-nodes-base.';
  return type.startsWith(prefix) ? type.slice(prefix.length) : type;
}
