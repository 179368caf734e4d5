import type { NodeType } from '@tandem/shared/engine';
import {
  agentDescription,
  codeDescription,
  emailSendDescription,
  htmlDescription,
  informationExtractorDescription,
  llmChatDescription,
  mySqlDescription,
  redisDescription,
  textClassifierDescription,
  xmlDescription,
} from '@tandem/shared/nodes';
import { aggregateNode } from './aggregate.ts';
import { compareDatasetsNode } from './compare-datasets.ts';
import { convertToFileNode } from './convert-to-file.ts';
import { cryptoNode } from './crypto.ts';
import { dateTimeNode } from './date-time.ts';
import { executeWorkflowNode } from './execute-workflow.ts';
import { executeWorkflowTriggerNode } from './execute-workflow-trigger.ts';
import { executionDataNode } from './execution-data.ts';
import { extractFromFileNode } from './extract-from-file.ts';
import { filterNode } from './filter.ts';
import { httpRequestNode } from './http-request.ts';
import { ifNode } from './if.ts';
import { itemListsNode } from './item-lists.ts';
import { lazyNode } from './lib/lazy-node.ts';
import { limitNode } from './limit.ts';
import { errorTriggerNode, manualTriggerNode, startNode } from './manual-trigger.ts';
import { mergeNode } from './merge.ts';
import { noOpNode } from './no-op.ts';
import { removeDuplicatesNode } from './remove-duplicates.ts';
import { renameKeysNode } from './rename-keys.ts';
import { respondToWebhookNode } from './respond-to-webhook.ts';
import { scheduleTriggerNode } from './schedule-trigger.ts';
import { setNode } from './set.ts';
import { sortNode } from './sort.ts';
import { splitInBatchesNode } from './split-in-batches.ts';
import { splitOutNode } from './split-out.ts';
import { stopAndErrorNode } from './stop-and-error.ts';
import { summarizeNode } from './summarize.ts';
import { switchNode } from './switch.ts';
import { waitNode } from './wait.ts';
import { webhookNode } from './webhook.ts';

/**
 * Node implementations registered by the worker: one line per node type. Nodes with heavy dependencies are
 * imported on their first run (see lib/lazy-node.ts), so embedded mode starts small.
 */
export const nodeTypes: NodeType[] = [
  // pure flow/data nodes
  manualTriggerNode,
  startNode,
  errorTriggerNode,
  noOpNode,
  stopAndErrorNode,
  ifNode,
  filterNode,
  switchNode,
  mergeNode,
  splitInBatchesNode,
  setNode,
  splitOutNode,
  aggregateNode,
  summarizeNode,
  sortNode,
  limitNode,
  removeDuplicatesNode,
  renameKeysNode,
  itemListsNode,
  lazyNode(codeDescription, async () => (await import('./code.ts')).codeNode),
  compareDatasetsNode,
  convertToFileNode,
  cryptoNode,
  dateTimeNode,
  executionDataNode,
  extractFromFileNode,
  lazyNode(htmlDescription, async () => (await import('./html.ts')).htmlNode),
  lazyNode(xmlDescription, async () => (await import('./xml.ts')).xmlNode),
  lazyNode(emailSendDescription, async () => (await import('./email-send.ts')).emailSendNode),
  executeWorkflowNode,
  executeWorkflowTriggerNode,
  httpRequestNode,
  lazyNode(mySqlDescription, async () => (await import('./my-sql.ts')).mySqlNode),
  lazyNode(redisDescription, async () => (await import('./redis.ts')).redisNode),
  respondToWebhookNode,
  scheduleTriggerNode,
  waitNode,
  webhookNode,
  lazyNode(llmChatDescription, async () => (await import('./llm-chat.ts')).llmChatNode),
  lazyNode(agentDescription, async () => (await import('./agent.ts')).agentNode),
  lazyNode(textClassifierDescription, async () => (await import('./text-classifier.ts')).textClassifierNode),
  lazyNode(
    informationExtractorDescription,
    async () => (await import('./information-extractor.ts')).informationExtractorNode,
  ),
];
