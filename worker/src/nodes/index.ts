import type { NodeType } from '@tandem/shared/engine';
import { agentNode } from './agent.ts';
import { aggregateNode } from './aggregate.ts';
import { codeNode } from './code.ts';
import { compareDatasetsNode } from './compare-datasets.ts';
import { convertToFileNode } from './convert-to-file.ts';
import { cryptoNode } from './crypto.ts';
import { dateTimeNode } from './date-time.ts';
import { emailSendNode } from './email-send.ts';
import { executeWorkflowNode } from './execute-workflow.ts';
import { executeWorkflowTriggerNode } from './execute-workflow-trigger.ts';
import { executionDataNode } from './execution-data.ts';
import { extractFromFileNode } from './extract-from-file.ts';
import { filterNode } from './filter.ts';
import { htmlNode } from './html.ts';
import { httpRequestNode } from './http-request.ts';
import { ifNode } from './if.ts';
import { informationExtractorNode } from './information-extractor.ts';
import { itemListsNode } from './item-lists.ts';
import { limitNode } from './limit.ts';
import { llmChatNode } from './llm-chat.ts';
import { errorTriggerNode, manualTriggerNode, startNode } from './manual-trigger.ts';
import { mergeNode } from './merge.ts';
import { mySqlNode } from './my-sql.ts';
import { noOpNode } from './no-op.ts';
import { redisNode } from './redis.ts';
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
import { textClassifierNode } from './text-classifier.ts';
import { waitNode } from './wait.ts';
import { webhookNode } from './webhook.ts';
import { xmlNode } from './xml.ts';

/** Node implementations registered by the worker: one line per node type. */
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
  codeNode,
  compareDatasetsNode,
  convertToFileNode,
  cryptoNode,
  dateTimeNode,
  executionDataNode,
  extractFromFileNode,
  htmlNode,
  xmlNode,
  emailSendNode,
  executeWorkflowNode,
  executeWorkflowTriggerNode,
  httpRequestNode,
  mySqlNode,
  redisNode,
  respondToWebhookNode,
  scheduleTriggerNode,
  waitNode,
  webhookNode,
  llmChatNode,
  agentNode,
  textClassifierNode,
  informationExtractorNode,
];
