/**
 * Tandem AI: provider layer (OpenAI-compatible, via the official SDK), the offline next-node recommender,
 * natural language → workflow, content generation, and the AI co-author (a Yjs peer writing suggestions).
 * See ARCHITECTURE.md in this folder.
 */

// Co-author
export { type SuggestRequest, type SuggestResult, suggestNextSteps } from './coauthor/coauthor.ts';
export { proposeFixes } from './coauthor/failure-watcher.ts';
export {
  type CoauthorJobDeps,
  CoauthorJobPayload,
  failureFromRun,
  handleCoauthorJob,
} from './coauthor/job.ts';
// The BullMQ co-author queue is production mode's: its functions are `@tandem/worker/ai/jobs`, so embedded mode
// never loads bullmq/ioredis through this entry.
export type {
  CoauthorQueueOptions,
  CoauthorRunner,
  CoauthorWorkerOptions,
} from './coauthor/job-queue.ts';
export type { RunFailure } from './coauthor/llm-suggest.ts';
export { COAUTHOR_ACTOR, type WrittenSuggestion, writeSuggestions } from './coauthor/proposal.ts';
export { COAUTHOR_COLOR, COAUTHOR_NAME, type CoauthorSession, joinAsCoauthor } from './coauthor/session.ts';
export { type CoauthorTurnInput, runCoauthorTurn, watchesFailures } from './coauthor/turn.ts';
// Content generation
export { ContentRequest, type ContentResult, generateContent } from './content/generate-content.ts';
export { sanitizeSvg } from './content/sanitize-svg.ts';
export { summariseWorkflow } from './content/workflow-summary.ts';

// Natural language → workflow, validation
export {
  MAX_REQUEST_CHARS,
  type NlToWorkflowOptions,
  type NlToWorkflowResult,
  nlToWorkflow,
  type ValidationReport,
} from './nl-to-workflow.ts';
// LLM node host services
export { type AgentMemoryStore, createInMemoryAgentMemory } from './nodes/agent-memory.ts';
export type { AiNodeServices } from './nodes/node-ai.ts';
// Provider
export { type AiProvider, type AiProviderOptions, createAiProvider } from './provider/client.ts';
export {
  type AiConfig,
  DEFAULT_MODEL,
  isAiConfigured,
  OpenAiCredential,
  resolveAiConfig,
} from './provider/config.ts';
export { AiError, type AiErrorCode } from './provider/errors.ts';
export { chatStructured, parseModelJson, type StructuredRequest } from './provider/structured.ts';
export type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  TokenUsage,
  ToolCall,
  ToolDefinition,
  UsageRecord,
  UsageSink,
} from './provider/types.ts';
// Recommender (no LLM)
export { loadStarterCorpus } from './recommender/corpus/index.ts';
export {
  NextNodeRecommender,
  type Recommendation,
  type RecommendOptions,
} from './recommender/recommender.ts';
export { createStarterRecommender } from './recommender/starter.ts';
// The api's entry point
export { type AiService, type AiServiceDeps, createAiService, type SuggestInput } from './service.ts';

// Test support (used by api/e2e tests): an OpenAI-protocol server with scripted answers
export {
  type FakeOpenAiServer,
  type FakeReply,
  startFakeOpenAiServer,
} from './testing/fake-openai-server.ts';
export { type CheckIssue, checkWorkflow } from './workflow/check-workflow.ts';
export { loadNodeCatalogue, type NodeCatalogue } from './workflow/node-catalogue.ts';
export { validateCandidate } from './workflow/validate.ts';
