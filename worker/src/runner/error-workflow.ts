import type { ExecutionMode as EngineMode, ErrorWorkflowItem, NodeErrorData } from '@tandem/shared/engine';
import type { ExecutionMode, WorkflowJson } from '@tandem/shared/schema';
import type { ExecutionRecord } from './store.ts';

/** Starts the workflow `errorWorkflowId` with a failed execution's Error Trigger item (the host checks access). */
export type RunErrorWorkflow = (
  record: ExecutionRecord,
  errorWorkflowId: string,
  item: ErrorWorkflowItem,
) => Promise<void> | void;

/** How the engine names each execution mode (the Error Trigger item carries this name, as in n8n). */
export const ENGINE_MODE: Record<ExecutionMode, EngineMode> = {
  manual: 'manual',
  api: 'api',
  webhook: 'webhook',
  'webhook-test': 'manual',
  schedule: 'trigger',
  subworkflow: 'integrated',
  error: 'error',
  retry: 'retry',
  replay: 'manual',
};

/**
 * The error workflow a failed execution starts and the item it gets; null when its workflow names none, for editor
 * runs (as in n8n) and for an error workflow's own runs (no chain of them).
 * @example const call = errorWorkflowCall(record, workflow, { name: 'Error', message: 'boom', node: 'HTTP' }, 'HTTP');
 */
export function errorWorkflowCall(
  record: ExecutionRecord,
  workflow: WorkflowJson,
  error: NodeErrorData,
  lastNodeExecuted?: string,
): { errorWorkflowId: string; item: ErrorWorkflowItem } | null {
  const errorWorkflowId = workflow.settings?.errorWorkflow;
  const mode = ENGINE_MODE[record.mode];
  if (!errorWorkflowId || mode === 'manual' || mode === 'error') return null;
  return {
    errorWorkflowId,
    item: {
      execution: { id: record.id, error, lastNodeExecuted, mode },
      workflow: { id: record.workflowId, name: workflow.name },
    },
  };
}
