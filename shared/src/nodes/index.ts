import type { NodeDescription } from '../engine/types.ts';
import { canonicalNodeType } from '../schema/workflow.ts';
import { agentDescription } from './agent.ts';
import { aggregateDescription } from './aggregate.ts';
import { codeDescription } from './code.ts';
import { compareDatasetsDescription } from './compare-datasets.ts';
import { convertToFileDescription } from './convert-to-file.ts';
import { cryptoDescription } from './crypto.ts';
import { dateTimeDescription } from './date-time.ts';
import { emailSendDescription } from './email-send.ts';
import { errorTriggerDescription } from './error-trigger.ts';
import { executeWorkflowDescription } from './execute-workflow.ts';
import { executeWorkflowTriggerDescription } from './execute-workflow-trigger.ts';
import { executionDataDescription } from './execution-data.ts';
import { extractFromFileDescription } from './extract-from-file.ts';
import { filterDescription } from './filter.ts';
import { htmlDescription } from './html.ts';
import { httpRequestDescription } from './http-request.ts';
import { ifDescription } from './if.ts';
import { informationExtractorDescription } from './information-extractor.ts';
import { itemListsDescription } from './item-lists.ts';
import { limitDescription } from './limit.ts';
import { llmChatDescription } from './llm-chat.ts';
import { manualTriggerDescription, startDescription } from './manual-trigger.ts';
import { mergeDescription } from './merge.ts';
import { mySqlDescription } from './my-sql.ts';
import { noOpDescription } from './no-op.ts';
import { redisDescription } from './redis.ts';
import { removeDuplicatesDescription } from './remove-duplicates.ts';
import { renameKeysDescription } from './rename-keys.ts';
import { respondToWebhookDescription } from './respond-to-webhook.ts';
import { scheduleTriggerDescription } from './schedule-trigger.ts';
import { setDescription } from './set.ts';
import { sortDescription } from './sort.ts';
import { splitInBatchesDescription } from './split-in-batches.ts';
import { splitOutDescription } from './split-out.ts';
import { stopAndErrorDescription } from './stop-and-error.ts';
import { summarizeDescription } from './summarize.ts';
import { switchDescription } from './switch.ts';
import { textClassifierDescription } from './text-classifier.ts';
import { waitDescription } from './wait.ts';
import { webhookDescription } from './webhook.ts';
import { xmlDescription } from './xml.ts';

export { isDisplayed, withDefaults } from './display.ts';
export { switchOutputs } from './switch.ts';
export {
  agentDescription,
  aggregateDescription,
  codeDescription,
  compareDatasetsDescription,
  convertToFileDescription,
  cryptoDescription,
  dateTimeDescription,
  emailSendDescription,
  errorTriggerDescription,
  executeWorkflowDescription,
  executeWorkflowTriggerDescription,
  executionDataDescription,
  extractFromFileDescription,
  filterDescription,
  htmlDescription,
  httpRequestDescription,
  ifDescription,
  informationExtractorDescription,
  itemListsDescription,
  limitDescription,
  llmChatDescription,
  manualTriggerDescription,
  mergeDescription,
  mySqlDescription,
  noOpDescription,
  redisDescription,
  removeDuplicatesDescription,
  renameKeysDescription,
  respondToWebhookDescription,
  scheduleTriggerDescription,
  setDescription,
  sortDescription,
  splitInBatchesDescription,
  splitOutDescription,
  startDescription,
  stopAndErrorDescription,
  summarizeDescription,
  switchDescription,
  textClassifierDescription,
  waitDescription,
  webhookDescription,
  xmlDescription,
};

/** Every built-in node description (one per type; versions inside). */
const ALL: NodeDescription[] = [
  manualTriggerDescription,
  startDescription,
  webhookDescription,
  scheduleTriggerDescription,
  errorTriggerDescription,
  executeWorkflowTriggerDescription,
  ifDescription,
  switchDescription,
  mergeDescription,
  filterDescription,
  splitInBatchesDescription,
  waitDescription,
  executeWorkflowDescription,
  noOpDescription,
  stopAndErrorDescription,
  setDescription,
  codeDescription,
  splitOutDescription,
  aggregateDescription,
  summarizeDescription,
  sortDescription,
  limitDescription,
  removeDuplicatesDescription,
  renameKeysDescription,
  itemListsDescription,
  dateTimeDescription,
  cryptoDescription,
  compareDatasetsDescription,
  convertToFileDescription,
  extractFromFileDescription,
  htmlDescription,
  xmlDescription,
  executionDataDescription,
  httpRequestDescription,
  respondToWebhookDescription,
  mySqlDescription,
  redisDescription,
  emailSendDescription,
  llmChatDescription,
  agentDescription,
  textClassifierDescription,
  informationExtractorDescription,
];

const BY_TYPE = new Map(ALL.map((d) => [d.type, d]));

/**
 * All built-in node descriptions, optionally filtered by a search text (name, type, description, keywords).
 * @example listNodeDescriptions('merge').map((d) => d.type) // ['merge']
 */
export function listNodeDescriptions(search?: string): NodeDescription[] {
  if (!search) return ALL.slice();
  const q = search.toLowerCase();
  return ALL.filter((d) =>
    [d.type, d.displayName, d.description, ...(d.keywords ?? [])].some((s) => s.toLowerCase().includes(q)),
  );
}

/**
 * Description of a node type (canonical or `n8n-nodes-base.` alias); with a version, only if supported.
 * @example getNodeDescription('n8n-nodes-base.if', 2)?.displayName // 'If'
 */
export function getNodeDescription(type: string, version?: number): NodeDescription | undefined {
  const d = BY_TYPE.get(canonicalNodeType(type));
  if (!d) return undefined;
  if (version !== undefined && !d.versions.includes(version)) return undefined;
  return d;
}
