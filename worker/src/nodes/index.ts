import type { NodeType } from '@tandem/shared/engine';
import { codeNode } from './code.ts';
import { executeWorkflowNode } from './execute-workflow.ts';
import { executeWorkflowTriggerNode } from './execute-workflow-trigger.ts';
import { httpRequestNode } from './http-request.ts';
import { respondToWebhookNode } from './respond-to-webhook.ts';
import { scheduleTriggerNode } from './schedule-trigger.ts';
import { waitNode } from './wait.ts';
import { webhookNode } from './webhook.ts';

/** Node implementations registered by the worker: one line per node type. */
export const nodeTypes: NodeType[] = [
  codeNode,
  executeWorkflowNode,
  executeWorkflowTriggerNode,
  httpRequestNode,
  respondToWebhookNode,
  scheduleTriggerNode,
  waitNode,
  webhookNode,
];
