import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { executeWorkflowDescription } from '@tandem/shared/nodes';
import type { WorkflowJson } from '@tandem/shared/schema';
import { jsonParameter } from './http-request/build-request.ts';

/** `workflowId` is a plain id or n8n's resource locator `{ __rl: true, value, mode }`. */
function workflowIdOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value) || undefined;
  if (value && typeof value === 'object' && 'value' in value)
    return workflowIdOf((value as JsonObject).value);
  return undefined;
}

function target(ctx: NodeRunContext, i: number): { workflowId?: string; workflow?: WorkflowJson } {
  const source = String(ctx.getNodeParameter('source', i, 'database'));
  if (source === 'database') {
    const workflowId = workflowIdOf(ctx.getNodeParameter('workflowId', i, ''));
    if (!workflowId)
      throw new NonRetriableError('No sub-workflow selected (workflowId is empty)', { itemIndex: i });
    return { workflowId };
  }
  if (source === 'parameter') {
    const wf = jsonParameter(ctx.getNodeParameter('workflowJson', i, ''), 'Workflow JSON', i) as WorkflowJson;
    if (!wf || typeof wf !== 'object' || !Array.isArray(wf.nodes)) {
      throw new NonRetriableError('Workflow JSON must be a workflow with a "nodes" list', { itemIndex: i });
    }
    return {
      workflow: {
        ...wf,
        name: wf.name ?? 'Sub-workflow',
        connections: wf.connections ?? {},
        settings: wf.settings ?? {},
      },
    };
  }
  throw new NonRetriableError(
    `Sub-workflow source "${source}" is not supported (use database or parameter)`,
    {
      itemIndex: i,
    },
  );
}

/**
 * Execute Workflow v1.2: runs a sub-workflow (by id through the host, or given as JSON) with all items at once
 * (`mode: once`) or once per item (`mode: each`). Waiting returns the sub-workflow's last node output; not
 * waiting returns the input items once the sub-execution is queued.
 */
export async function executeExecuteWorkflow(ctx: NodeRunContext): Promise<NodeOutput> {
  const items: Item[] = ctx.inputs[0] ?? [];
  const mode = String(ctx.getNodeParameter('mode', 0, 'once'));
  const wait = ctx.getNodeParameter('options.waitForSubWorkflow', 0, true) !== false;
  const strip = (list: Item[]) => list.map(({ json, binary }) => (binary ? { json, binary } : { json }));
  if (mode === 'each') {
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const result = await ctx.helpers.runSubWorkflow({
        ...target(ctx, i),
        items: strip([items[i]]),
        waitForCompletion: wait,
      });
      const produced = wait ? (result.data[0] ?? []) : [items[i]];
      for (const item of produced) out.push({ ...item, pairedItem: { item: i } });
    }
    return [out];
  }
  const result = await ctx.helpers.runSubWorkflow({
    ...target(ctx, 0),
    items: strip(items),
    waitForCompletion: wait,
  });
  if (!wait) return [items];
  const produced = result.data[0] ?? [];
  const paired = (item: Item, i: number): Item =>
    item.pairedItem !== undefined
      ? item
      : { ...item, pairedItem: { item: produced.length === items.length ? i : 0 } };
  return [produced.map(paired)];
}

export const executeWorkflowNode: NodeType = {
  description: executeWorkflowDescription,
  execute: executeExecuteWorkflow,
};
