import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { executeWorkflowTriggerDescription } from '@tandem/shared/nodes';

interface InputField {
  name?: string;
  type?: 'any' | 'string' | 'number' | 'boolean' | 'array' | 'object';
}

function convert(value: unknown, type: InputField['type'], name: string): unknown {
  if (value === undefined || value === null || type === undefined || type === 'any') return value ?? null;
  switch (type) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n))
        throw new NonRetriableError(`Input "${name}" must be a number (got ${JSON.stringify(value)})`);
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new NonRetriableError(`Input "${name}" must be a boolean (got ${JSON.stringify(value)})`);
    case 'array':
      if (Array.isArray(value)) return value;
      throw new NonRetriableError(`Input "${name}" must be an array`);
    case 'object':
      if (typeof value === 'object' && !Array.isArray(value)) return value;
      throw new NonRetriableError(`Input "${name}" must be an object`);
  }
}

/**
 * Execute Workflow Trigger v1.1: starts a sub-workflow with the caller's items. `inputSource: passthrough`
 * (default) keeps them as they are; `workflowInputs` keeps only the declared fields, converted to their types.
 */
export function executeExecuteWorkflowTrigger(ctx: NodeRunContext): NodeOutput {
  const items: Item[] = ctx.inputs[0] ?? [];
  const source = ctx.getNodeParameter('inputSource', 0, 'passthrough');
  if (source !== 'workflowInputs') return [items];
  const fields = ctx.getNodeParameter('workflowInputs.values', 0, []) as InputField[];
  const declared = (Array.isArray(fields) ? fields : []).filter((f) => f?.name);
  return [
    items.map((item, i) => {
      const json: JsonObject = {};
      for (const f of declared)
        json[f.name as string] = convert(item.json[f.name as string], f.type, f.name as string);
      return { json, pairedItem: { item: i } };
    }),
  ];
}

export const executeWorkflowTriggerNode: NodeType = {
  description: executeWorkflowTriggerDescription,
  execute: executeExecuteWorkflowTrigger,
};
